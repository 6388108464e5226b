import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, defaultStages, heldCustomer } from './opportunity-fixtures.js';
import { readyOpportunity, scriptDurations, walk } from './report-fixtures.js';

interface StageFigures {
  name: string;
  count: number;
  amount: string;
  weightedAmount: string;
  reached: number;
  advanced: number | null;
  conversionRate: string | null;
  medianSecondsInStage: number | null;
  stays: number;
}

const HOUR = 3600;

/**
 * OPP-5 funnel [销售漏斗] on a known data set. Rep A has eight opportunities in the default pipeline
 * (初步接洽 10% → 需求确认 30% → 方案报价 60% → 商务谈判 80% → 赢单 / 输单), scripted:
 *
 *   A1   0.10  S1                              (stays in S1)
 *   A2   0.20  S1 → S2                         (1 h in S1)
 *   A3  33.33  S1 → S2 → S3                    (2 h, 10 h)                close date 2026-12-31
 *   A4  33.33  S1 → S3, owner's override 70 %   (3 h)                      S2 skipped
 *   A5  33.33  S1 → S2 → S3 → S4               (4 h, 20 h, 1 h)
 *   A6 1000.00 S1 → S2 → S3 → S4 → won         (5 h, 30 h, 2 h, 8 h)
 *   A7  500.00 S1 → S2 → S3 → lost             (6 h, 40 h, 4 h)
 *   A8  250.00 S1 → S2 → S3 → S2 (moved back)  (7 h, 50 h, 8 h)
 *
 * Rep B (same team) has B1 700.00 in S2; rep C (another department) C1 90.00 in S1.
 * Every figure below is worked out by hand from this table.
 */
describe('Sales funnel [销售漏斗]', () => {
  let api: TestApp;
  let admin: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let repC: TestUser;
  let manager: TestUser;
  let team: { departmentId: string; teamId: string };
  let stages: Awaited<ReturnType<typeof defaultStages>>;
  let a1: string;

  const funnel = async (user: TestUser, query: Record<string, string> = {}): Promise<Record<string, StageFigures>> => {
    const { body } = await api.http.get('/api/v1/opportunities/funnel').query(query).set('Authorization', user.auth).expect(200);
    return Object.fromEntries((body.stages as StageFigures[]).map((stage) => [stage.name, stage]));
  };
  const counts = (figures: Record<string, StageFigures>) => Object.values(figures).map((stage) => stage.count);

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    team = await api.team();
    const elsewhere = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    repC = await api.user(['sales-rep'], elsewhere);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    stages = await defaultStages(api, repA);
    const [productId] = await catalogProducts(api, admin, 1);
    const [, s2, s3, s4, won, lost] = ['初步接洽', '需求确认', '方案报价', '商务谈判', '赢单', '输单'].map((name) => stages[name]!.id) as string[];
    const customerA = await heldCustomer(api, repA);
    const make = (user: TestUser, customerId: string, amount: string, expectedCloseDate?: string) =>
      readyOpportunity(api, user, { customerId, productId: productId!, amount, expectedCloseDate });

    a1 = await make(repA, customerA, '0.10');
    const a2 = await make(repA, customerA, '0.20');
    const a3 = await make(repA, customerA, '33.33', '2026-12-31');
    const a4 = await make(repA, customerA, '33.33');
    const a5 = await make(repA, customerA, '33.33');
    const a6 = await make(repA, customerA, '1000.00');
    const a7 = await make(repA, customerA, '500.00');
    const a8 = await make(repA, customerA, '250.00');
    await walk(api, repA, a2, [s2!]);
    await walk(api, repA, a3, [s2!, s3!]);
    await api.http
      .post(`/api/v1/opportunities/${a4}/stage-changes`)
      .set('Authorization', repA.auth)
      .send({ toStageId: s3, probability: 70, probabilityReason: '客户口头确认' })
      .expect(200);
    await walk(api, repA, a5, [s2!, s3!, s4!]);
    await walk(api, repA, a6, [s2!, s3!, s4!, won!]);
    await walk(api, repA, a7, [s2!, s3!, lost!], lost);
    await walk(api, repA, a8, [s2!, s3!, s2!]);
    await scriptDurations(api, a2, [1]);
    await scriptDurations(api, a3, [2, 10]);
    await scriptDurations(api, a4, [3]);
    await scriptDurations(api, a5, [4, 20, 1]);
    await scriptDurations(api, a6, [5, 30, 2, 8]);
    await scriptDurations(api, a7, [6, 40, 4]);
    await scriptDurations(api, a8, [7, 50, 8]);

    const b1 = await make(repB, await heldCustomer(api, repB), '700.00');
    await walk(api, repB, b1, [s2!]);
    await make(repC, await heldCustomer(api, repC), '90.00');
  });
  afterAll(() => api.close());

  it("counts, amounts, weighted amounts, conversion and median time per stage for a rep's own opportunities", async () => {
    const figures = await funnel(repA);
    expect(Object.keys(figures)).toEqual(['初步接洽', '需求确认', '方案报价', '商务谈判', '赢单', '输单']);
    // S1: A1 only now. 0.10 × 10 / 100 = 0.01.
    // Reached by all 8 (creation enters S1); advanced: all but A1 = 7; 7 / 8 = 87.50 %.
    // Completed stays in S1: 1, 2, 3, 4, 5, 6, 7 h → median 4 h = 14400 s.
    expect(figures['初步接洽']).toMatchObject({
      count: 1,
      amount: '0.10',
      weightedAmount: '0.01',
      reached: 8,
      advanced: 7,
      conversionRate: '87.50',
      medianSecondsInStage: 4 * HOUR,
      stays: 7,
    });
    // S2: A2 and A8 now. 0.20 + 250.00 = 250.20; × 30 / 100 = 75.06.
    // Reached: A2, A3, A5, A6, A7, A8 = 6 (A4 skipped it); advanced to S3 or beyond: A3, A5, A6, A7, A8 = 5
    // (A7 reached S3 before it was lost; A8 moved back after reaching S3); 5 / 6 = 83.333… → 83.33 %.
    // Stays ended: 10, 20, 30, 40, 50 h (A2's and A8's current stays do not count) → median 30 h.
    expect(figures['需求确认']).toMatchObject({
      count: 2,
      amount: '250.20',
      weightedAmount: '75.06',
      reached: 6,
      advanced: 5,
      conversionRate: '83.33',
      medianSecondsInStage: 30 * HOUR,
      stays: 5,
    });
    // S3: A3 (60 %) and A4 (owner's 70 %). 33.33 + 33.33 = 66.66;
    // 33.33 × 60 / 100 = 19.998 plus 33.33 × 70 / 100 = 23.331 is 43.329 → 43.33 (rounded once, at the end).
    // Reached: A3, A4, A5, A6, A7, A8 = 6; advanced to S4 or won: A5, A6 = 2; 2 / 6 = 33.33 %.
    // Stays ended: A5 1 h, A6 2 h, A7 4 h, A8 8 h → median (2 + 4) / 2 = 3 h.
    expect(figures['方案报价']).toMatchObject({
      count: 2,
      amount: '66.66',
      weightedAmount: '43.33',
      reached: 6,
      advanced: 2,
      conversionRate: '33.33',
      medianSecondsInStage: 3 * HOUR,
      stays: 4,
    });
    // S4: A5. 33.33 × 80 / 100 = 26.664 → 26.66. Reached: A5, A6; won: A6 → 50.00 %. One stay: A6's 8 h.
    expect(figures['商务谈判']).toMatchObject({
      count: 1,
      amount: '33.33',
      weightedAmount: '26.66',
      reached: 2,
      advanced: 1,
      conversionRate: '50.00',
      medianSecondsInStage: 8 * HOUR,
      stays: 1,
    });
    // Won counts at 100 %, lost at 0 %; no rate or stay for the final stages.
    expect(figures['赢单']).toMatchObject({ count: 1, amount: '1000.00', weightedAmount: '1000.00', reached: 1, advanced: null, conversionRate: null });
    expect(figures['输单']).toMatchObject({ count: 1, amount: '500.00', weightedAmount: '0.00', reached: 1, advanced: null, conversionRate: null });
  });

  it('filters by creation day in the company time zone and by expected close date', async () => {
    // A1 created at 00:30 on 1 January in Shanghai, which is still 31 December in UTC.
    await api.tx.query(`UPDATE opportunity.opportunities SET created_at = '2026-01-01T00:30:00+08:00' WHERE id = $1`, [a1]);
    expect(counts(await funnel(repA, { createdFrom: '2026-01-01', createdTo: '2026-01-01' }))).toEqual([1, 0, 0, 0, 0, 0]);
    expect(counts(await funnel(repA, { createdFrom: '2025-12-31', createdTo: '2025-12-31' }))).toEqual([0, 0, 0, 0, 0, 0]);
    // Only A3 closes in December 2026: 33.33 × 60 / 100 = 19.998 → 20.00.
    const december = await funnel(repA, { closeFrom: '2026-12-01', closeTo: '2026-12-31' });
    expect(counts(december)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(december['方案报价']).toMatchObject({ amount: '33.33', weightedAmount: '20.00', reached: 1, advanced: 0, conversionRate: '0.00' });
    expect(december['初步接洽']).toMatchObject({ reached: 1, advanced: 1, conversionRate: '100.00', medianSecondsInStage: 2 * HOUR });
  });

  it("never shows a rep another rep's figures; a manager sees the department, narrowed by person or team", async () => {
    // Rep B: B1 only (700.00 in S2, 700.00 × 30 / 100 = 210.00).
    const ownB = await funnel(repB);
    expect(counts(ownB)).toEqual([0, 1, 0, 0, 0, 0]);
    expect(ownB['需求确认']).toMatchObject({ amount: '700.00', weightedAmount: '210.00', reached: 1 });
    expect(ownB['初步接洽']).toMatchObject({ reached: 1, advanced: 1 });
    // Naming rep A is no way in: zeros, as for someone who sells nothing.
    const peeking = await funnel(repB, { ownerId: repA.id });
    expect(counts(peeking)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(peeking['初步接洽']).toMatchObject({ amount: '0.00', weightedAmount: '0.00', reached: 0, conversionRate: null, medianSecondsInStage: null });
    expect(counts(await funnel(repB, { teamId: team.teamId }))).toEqual([0, 1, 0, 0, 0, 0]);

    // The department manager: A's eight and B1. S2: 250.20 + 700.00 = 950.20; × 30 / 100 = 285.06.
    const department = await funnel(manager);
    expect(counts(department)).toEqual([1, 3, 2, 1, 1, 1]);
    expect(department['需求确认']).toMatchObject({ amount: '950.20', weightedAmount: '285.06', reached: 7, advanced: 5 });
    expect(counts(await funnel(manager, { ownerId: repB.id }))).toEqual([0, 1, 0, 0, 0, 0]);
    expect(counts(await funnel(manager, { teamId: team.teamId }))).toEqual([1, 3, 2, 1, 1, 1]);
    // Rep C is in another department: outside the manager's scope.
    expect(counts(await funnel(manager, { ownerId: repC.id }))).toEqual([0, 0, 0, 0, 0, 0]);
    // The administrator sees everyone: C1 (90.00 in S1, 9.00 weighted) too.
    const all = await funnel(admin);
    expect(counts(all)).toEqual([2, 3, 2, 1, 1, 1]);
    expect(all['初步接洽']).toMatchObject({ amount: '90.10', weightedAmount: '9.01' });
    expect(counts(await funnel(admin, { ownerId: repC.id }))).toEqual([1, 0, 0, 0, 0, 0]);
  });

  it('refuses two people filters at once, malformed days and unknown pipelines', async () => {
    const both = await api.http
      .get('/api/v1/opportunities/funnel')
      .query({ ownerId: repA.id, teamId: team.teamId })
      .set('Authorization', manager.auth)
      .expect(400);
    expect(both.body.errors.map((error: { field: string }) => error.field)).toEqual(['ownerId', 'teamId']);
    await api.http.get('/api/v1/opportunities/funnel').query({ createdFrom: '2026-13-01' }).set('Authorization', repA.auth).expect(400);
    const unknown = await api.http
      .get('/api/v1/opportunities/funnel')
      .query({ pipelineId: '00000000-0000-7000-8000-000000000000' })
      .set('Authorization', repA.auth)
      .expect(404);
    expect(unknown.body.code).toBe('OPPORTUNITY.PIPELINE_NOT_FOUND');
  });
});
