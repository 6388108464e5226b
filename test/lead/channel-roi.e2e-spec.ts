import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, changeStage, defaultStages } from '../opportunity/opportunity-fixtures.js';
import { capture, createPool, GRADES, leadPeople, MASTER_POOL_ID, replaceScoringRules, uniqueMobile } from './lead-fixtures.js';

/**
 * Campaigns [市场活动] with cost and the channel / campaign ROI report [渠道ROI]: leads, qualified,
 * converted, won amount (from the Opportunity context's events), cost per lead and per won deal,
 * within the caller's reach; every figure below is worked out by hand.
 */
describe('Channel and campaign ROI', () => {
  let api: TestApp;
  let admin: TestUser;
  let marketing: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let sales: string;
  let otherPool: string;
  let product: string;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 2);
    admin = people.admin;
    marketing = people.marketing;
    [rep, otherRep] = people.reps;
    sales = await createPool(api, marketing, { name: '销售池', parentId: MASTER_POOL_ID, memberIds: [rep.id], rules: { assignmentStrategy: 'round-robin' } });
    otherPool = await createPool(api, marketing, {
      name: '其他销售池',
      parentId: MASTER_POOL_ID,
      memberIds: [otherRep.id],
      rules: { assignmentStrategy: 'round-robin' },
    });
    [product] = (await catalogProducts(api, admin, 1)) as [string];
    await replaceScoringRules(api, marketing, {
      rules: [{ id: 'maker', name: '制造业', kind: 'attribute', field: 'industry', op: 'equals', value: '制造', points: 90 }],
      ...GRADES,
    });
  });
  afterAll(() => api.close());

  const lead = async (pool: string, body: Record<string, unknown>) =>
    (await capture(api, marketing, { mobile: uniqueMobile(), poolId: pool, ...body }).expect(201)).body.leadId as string;
  async function convertAndMaybeWin(by: TestUser, leadId: string, company: string, amount: string, win: boolean): Promise<void> {
    const converted = await api.http
      .post(`/api/v1/leads/${leadId}/conversion`)
      .set('Authorization', by.auth)
      .send({ customerName: company, opportunity: { name: `${company} 项目`, amount } })
      .expect(201);
    if (win) {
      // The won stage asks for the products [意向产品]: one line at the amount.
      await api.http
        .patch(`/api/v1/opportunities/${converted.body.opportunityId}`)
        .set('Authorization', by.auth)
        .send({ products: [{ productId: product, quantity: '1', unitPrice: amount }] })
        .expect(200);
      const stages = await defaultStages(api, by);
      const won = await changeStage(api, by, converted.body.opportunityId, { toStageId: stages['赢单']!.id });
      if (won.status !== 200) throw new Error(JSON.stringify(won.body));
    }
  }

  it('records campaigns with decimal cost', async () => {
    const expo = await api.http
      .post('/api/v1/lead-campaigns')
      .set('Authorization', marketing.auth)
      .send({ code: 'EXPO-2026', name: '2026 秋季展会', channel: 'exhibition', cost: '10000.00', startsOn: '2026-09-01', endsOn: '2026-09-30' })
      .expect(201);
    expect(expo.body).toMatchObject({ code: 'EXPO-2026', cost: '10000.00', startsOn: '2026-09-01' });
    await api.http
      .post('/api/v1/lead-campaigns')
      .set('Authorization', marketing.auth)
      .send({ code: 'SEM-Q4', name: '百度推广', channel: 'baidu-sem', cost: '3000.5' })
      .expect(201);
    expect((await api.http.post('/api/v1/lead-campaigns').set('Authorization', marketing.auth).send({ code: 'EXPO-2026' }).expect(409)).body.code).toBe(
      'LEAD_CAMPAIGN.CODE_TAKEN',
    );
    await api.http.post('/api/v1/lead-campaigns').set('Authorization', marketing.auth).send({ code: 'BAD', cost: 12.5 }).expect(400);
    await api.http.post('/api/v1/lead-campaigns').set('Authorization', rep.auth).send({ code: 'REP' }).expect(403);
    const bad = await api.http.patch(`/api/v1/lead-campaigns/${expo.body.id}`).set('Authorization', marketing.auth).send({ endsOn: '2026-08-01' }).expect(400);
    expect(bad.body.code).toBe('LEAD_CAMPAIGN.DATES_REVERSED');
  });

  it('reports leads, qualified, converted, won amount and unit costs by channel and campaign, within reach', async () => {
    // Exhibition / EXPO-2026: four leads, two graded A (制造 +90); one converted and won 300,000.00, one converted and still open.
    const e1 = await lead(sales, { channel: 'exhibition', campaign: 'EXPO-2026', industry: '制造' });
    const e2 = await lead(sales, { channel: 'exhibition', campaign: 'EXPO-2026', industry: '制造' });
    await lead(sales, { channel: 'exhibition', campaign: 'EXPO-2026' });
    await lead(sales, { channel: 'exhibition', campaign: 'EXPO-2026' });
    await convertAndMaybeWin(rep, e1, '展会一号公司', '300000.00', true);
    await convertAndMaybeWin(rep, e2, '展会二号公司', '120000.50', false);
    // Baidu SEM / SEM-Q4: three leads, one converted and won 50,000.25.
    const s1 = await lead(sales, { channel: 'baidu-sem', campaign: 'SEM-Q4' });
    await lead(sales, { channel: 'baidu-sem', campaign: 'SEM-Q4' });
    await lead(sales, { channel: 'baidu-sem', campaign: 'SEM-Q4' });
    await convertAndMaybeWin(rep, s1, '推广一号公司', '50000.25', true);
    // Referral without a campaign: one lead.
    await lead(sales, { channel: 'referral' });
    // Another team's exhibition lead, won for 80,000.00: only those who reach that pool count it.
    const o1 = await lead(otherPool, { channel: 'exhibition', campaign: 'EXPO-2026' });
    await convertAndMaybeWin(otherRep, o1, '别组公司', '80000.00', true);

    const mine = (await api.http.get('/api/v1/reports/lead-channels').query({ from: today, to: today }).set('Authorization', rep.auth).expect(200)).body;
    expect(mine).toEqual({
      from: today,
      to: today,
      qualifiedGrades: ['A', 'B'],
      items: [
        // 3000.50 / 3 = 1000.1666… → 1000.17 per lead; 3000.50 / 1 won deal; qualified: s1 (converted).
        {
          channel: 'baidu-sem',
          campaign: 'SEM-Q4',
          campaignName: '百度推广',
          leads: 3,
          qualified: 1,
          converted: 1,
          wonDeals: 1,
          wonAmount: '50000.25',
          cost: '3000.50',
          costPerLead: '1000.17',
          costPerWonDeal: '3000.50',
        },
        // 10000.00 / 4 = 2500.00 per lead; 10000.00 / 1 won = 10000.00; qualified: e1, e2 (grade A, converted).
        {
          channel: 'exhibition',
          campaign: 'EXPO-2026',
          campaignName: '2026 秋季展会',
          leads: 4,
          qualified: 2,
          converted: 2,
          wonDeals: 1,
          wonAmount: '300000.00',
          cost: '10000.00',
          costPerLead: '2500.00',
          costPerWonDeal: '10000.00',
        },
        {
          channel: 'referral',
          campaign: null,
          campaignName: null,
          leads: 1,
          qualified: 0,
          converted: 0,
          wonDeals: 0,
          wonAmount: '0.00',
          cost: '0.00',
          costPerLead: '0.00',
          costPerWonDeal: null,
        },
      ],
      // 8 leads; cost 13000.50 / 8 = 1625.0625 → 1625.06; per won deal 13000.50 / 2 = 6500.25.
      totals: {
        leads: 8,
        qualified: 3,
        converted: 3,
        wonDeals: 2,
        wonAmount: '350000.25',
        cost: '13000.50',
        costPerLead: '1625.06',
        costPerWonDeal: '6500.25',
      },
    });

    // Marketing reaches every pool: the other team's exhibition lead and its win count too (5 leads, 2 won).
    const all = (await api.http.get('/api/v1/reports/lead-channels').query({ from: today, to: today }).set('Authorization', marketing.auth).expect(200)).body;
    expect(all.items.find((row: { campaign: string }) => row.campaign === 'EXPO-2026')).toMatchObject({
      leads: 5,
      converted: 3,
      wonDeals: 2,
      wonAmount: '380000.00',
      costPerLead: '2000.00',
      costPerWonDeal: '5000.00',
    });
    // A period without leads, and bad periods.
    const empty = (
      await api.http.get('/api/v1/reports/lead-channels').query({ from: '2020-01-01', to: '2020-01-31' }).set('Authorization', rep.auth).expect(200)
    ).body;
    expect(empty.items).toEqual([]);
    expect(empty.totals).toMatchObject({ leads: 0, cost: '0.00', costPerLead: null });
    expect(
      (await api.http.get('/api/v1/reports/lead-channels').query({ from: today, to: '2020-01-01' }).set('Authorization', rep.auth).expect(400)).body.code,
    ).toBe('LEAD_REPORT.PERIOD_REVERSED');
    await api.http.get('/api/v1/reports/lead-channels').query({ from: 'yesterday', to: today }).set('Authorization', rep.auth).expect(400);
  });
});
