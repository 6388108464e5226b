import { funnelStatement } from '../../libs/opportunity/src/application/queries/get-funnel/get-funnel.handler.js';
import { forecastReadModelStatement, forecastStatement } from '../../libs/opportunity/src/application/reports/forecast-figures.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, changeStage, createOpportunity, getOpportunity, heldCustomer } from './opportunity-fixtures.js';
import { PRICE_TOO_HIGH, scriptDurations } from './report-fixtures.js';

interface Stage {
  id: string;
  name: string;
  probability: number;
  forecastCategory: string;
  requiredFields: string[];
  allowBack: boolean;
  outcome: string;
}

const TIME_ZONE = 'Asia/Shanghai';

/**
 * The funnel and forecast read model (kept by triggers in each change's transaction) against the computation
 * from the rows, after a mixed history: three owners, two pipelines, moves forward and back, skipped stages,
 * overrides set and cleared, amounts and close dates edited, a transfer, won and lost, history rewritten with
 * SQL, and the pipeline edited afterwards (re-weighted, reordered, a stage removed with its opportunities moved).
 */
describe('Funnel and forecast read model', () => {
  let api: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let repC: TestUser;
  let pipelineId: string;

  const patch = async (user: TestUser, id: string, body: object) => {
    const etag = (await getOpportunity(api, user, id).expect(200)).headers.etag!;
    await api.http.patch(`/api/v1/opportunities/${id}`).set('Authorization', user.auth).set('If-Match', etag).send(body).expect(200);
  };
  const move = async (user: TestUser, id: string, stage: Stage, extra: object = {}) => {
    const body = stage.outcome === 'lost' ? { toStageId: stage.id, lossReasonId: PRICE_TOO_HIGH, ...extra } : { toStageId: stage.id, ...extra };
    await changeStage(api, user, id, body).expect(200);
  };
  const pipeline = async (): Promise<{ stages: Stage[]; etag: string }> => {
    const response = await api.http.get(`/api/v1/pipelines/${pipelineId}`).set('Authorization', admin.auth).expect(200);
    return { stages: response.body.stages as Stage[], etag: response.headers.etag! };
  };

  /** The funnel the API answers (read model) equals the statement over the rows, stage by stage. */
  const expectFunnelAsFromRows = async (user: TestUser, owners: string[] | null, filters: Record<string, string> = {}) => {
    const { body } = await api.http
      .get('/api/v1/opportunities/funnel')
      .query({ pipelineId, ...filters })
      .set('Authorization', user.auth)
      .expect(200);
    const statement = funnelStatement({ pipelineId, owners, filters, timeZone: TIME_ZONE });
    const rows = await api.tx.query<Record<string, unknown>>(statement.text, statement.values);
    const fromRows = rows.map((row) => ({
      stageId: row.id,
      count: row.count,
      amount: row.amount,
      weightedAmount: row.weighted,
      reached: row.reached,
      advanced: row.outcome === 'open' ? row.advanced : null,
      medianSecondsInStage: row.outcome === 'open' && row.median_seconds !== null ? Math.round(Number(row.median_seconds)) : null,
      stays: row.outcome === 'open' ? row.stays : 0,
    }));
    const answered = (body.stages as Record<string, unknown>[]).map((stage) => ({
      stageId: stage.stageId,
      count: stage.count,
      amount: stage.amount,
      weightedAmount: stage.weightedAmount,
      reached: stage.reached,
      advanced: stage.advanced,
      medianSecondsInStage: stage.medianSecondsInStage,
      stays: stage.stays,
    }));
    expect(answered).toEqual(fromRows);
    // Not a funnel of zeros: the data set reaches every figure.
    if (Object.keys(filters).length === 0) {
      expect(answered.some((stage) => (stage.count as number) > 0 && stage.medianSecondsInStage !== null)).toBe(true);
    }
    return answered;
  };

  /** Forecast figures per owner, period and category from the read model equal those from the rows (exact numerics). */
  const expectForecastAsFromRows = async (owners: string[] | null, kind: 'month' | 'quarter') => {
    const input = { owners, kind, start: '2026-01-01', end: '2028-01-01', timeZone: TIME_ZONE };
    const normalise = (rows: Record<string, string>[]) =>
      rows.map((row) => [row.owner_id, row.period, row.category, Number(row.amount).toFixed(2), row.weighted.replace(/\.?0+$/, '')].join('|')).sort();
    const model = forecastReadModelStatement(input);
    const direct = forecastStatement(input);
    const fromModel = normalise(await api.tx.query(model.text, model.values));
    expect(fromModel).toEqual(normalise(await api.tx.query(direct.text, direct.values)));
    expect(fromModel.length).toBeGreaterThan(2);
  };

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    const elsewhere = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    repC = await api.user(['sales-rep'], elsewhere);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    const stage = (name: string, probability: number, forecastCategory: string) => ({
      name,
      probability,
      forecastCategory,
      requiredFields: [],
      allowBack: true,
      outcome: 'open',
    });
    const created = await api.http
      .post('/api/v1/pipelines')
      .set('Authorization', admin.auth)
      .send({
        name: '读模型流程',
        stages: [
          stage('接洽', 10, 'pipeline'),
          stage('确认', 35, 'pipeline'),
          stage('报价', 55, 'best-case'),
          stage('谈判', 85, 'commit'),
          { name: '赢单', probability: 100, forecastCategory: 'closed', requiredFields: [], allowBack: false, outcome: 'won' },
          { name: '输单', probability: 0, forecastCategory: 'omitted', requiredFields: [], allowBack: false, outcome: 'lost' },
        ],
      })
      .expect(201);
    pipelineId = created.body.id as string;
    const [s1, s2, s3, s4, won, lost] = created.body.stages as Stage[];
    const [productId] = await catalogProducts(api, admin, 1);
    const customers = new Map<TestUser, string>();
    for (const user of [repA, repB, repC]) customers.set(user, await heldCustomer(api, user));
    const make = async (user: TestUser, amount: string, expectedCloseDate: string) => {
      const { body } = await createOpportunity(api, user, {
        customerId: customers.get(user),
        pipelineId,
        amount,
        expectedCloseDate,
        products: [{ productId, quantity: '1', unitPrice: '1.00' }],
      }).expect(201);
      expect(body.stage.id).toBe(s1!.id);
      return body.id as string;
    };

    // A mixed history over three owners.
    const ids: string[] = [];
    const scripts: [TestUser, string, string, Stage[], number[]][] = [
      [repA, '0.10', '2026-03-15', [], []],
      [repA, '33.33', '2026-03-31', [s2!], [1]],
      [repA, '33.33', '2026-04-01', [s2!, s3!], [2, 9]],
      [repA, '33.33', '2026-06-30', [s3!], [3]],
      [repA, '1000.00', '2026-06-30', [s2!, s3!, s4!, won!], [4, 20, 1, 7]],
      [repA, '500.00', '2026-07-01', [s2!, s3!, lost!], [6, 40, 4]],
      [repA, '250.00', '2026-09-10', [s2!, s3!, s2!], [7, 50, 8]],
      [repB, '700.00', '2026-03-20', [s2!, s4!], [2, 5]],
      [repB, '99.99', '2026-12-31', [s2!, s3!, s4!, won!], [1, 1, 1, 3]],
      [repB, '12.34', '2027-01-01', [lost!], [11]],
      [repC, '90.00', '2026-05-05', [s2!], [13]],
      [repC, '880.80', '2026-05-06', [s2!, s3!, s4!, s3!, s4!, won!], [1, 2, 3, 4, 5, 6]],
    ];
    for (const [user, amount, close, path, hours] of scripts) {
      const id = await make(user, amount, close);
      for (const to of path) await move(user, id, to);
      if (hours.length > 0) await scriptDurations(api, id, hours);
      ids.push(id);
    }
    // Overrides set, changed and cleared; amounts and close dates edited; a won date moved by SQL across a month end.
    await patch(repA, ids[3]!, { probability: 70, probabilityReason: '客户口头确认' });
    await patch(repA, ids[2]!, { probability: 20, probabilityReason: '预算未定' });
    await patch(repA, ids[2]!, { probability: null });
    await patch(repA, ids[1]!, { amount: '66.67', expectedCloseDate: '2026-05-31' });
    await patch(repB, ids[7]!, { probability: 95, probabilityReason: '已走采购流程', expectedCloseDate: '2026-04-30' });
    await api.tx.query(`UPDATE opportunity.opportunities SET won_at = '2026-07-31T16:30:00Z' WHERE id = $1`, [ids[4]]);
    // Created either side of midnight in Shanghai: 31 January 23:30 or 1 February 00:30 (both 31 January in UTC).
    await api.tx.query(
      `UPDATE opportunity.opportunities SET created_at = CASE WHEN id = ANY($2::uuid[]) THEN timestamptz '2026-01-31T16:30:00Z' ELSE timestamptz '2026-01-31T15:30:00Z' END
        WHERE id = ANY($1::uuid[])`,
      [ids, [ids[0], ids[2], ids[4], ids[7], ids[8], ids[11]]],
    );
    // Others later, some again either side of midnight in Shanghai: 15 March, 1 May 00:30, 31 May 23:59, 1 July 00:00.
    await api.tx.query(
      `UPDATE opportunity.opportunities o SET created_at = v.at FROM (VALUES ($1::uuid, timestamptz '2026-03-15T04:00:00Z'),
         ($2::uuid, timestamptz '2026-04-30T16:30:00Z'), ($3::uuid, timestamptz '2026-05-31T15:59:00Z'), ($4::uuid, timestamptz '2026-06-30T16:00:00Z')) AS v (id, at)
        WHERE o.id = v.id`,
      [ids[3], ids[5], ids[9], ids[10]],
    );
    // A transfer: the customer first, then the opportunity, to repB.
    await api.http
      .post('/api/v1/pool/transfers')
      .set('Authorization', manager.auth)
      .send({ fromUserId: repA.id, toUserId: repB.id, customerIds: [customers.get(repA)], reason: '区域调整' })
      .expect(200);
    await api.http
      .post(`/api/v1/opportunities/${ids[6]}/transfer`)
      .set('Authorization', manager.auth)
      .send({ toUserId: repB.id, reason: '区域调整' })
      .expect(200);
    // A history row deleted by SQL (an import gone wrong, say) leaves the figures right too.
    await api.tx.query(
      `DELETE FROM opportunity.stage_changes WHERE id = (SELECT id FROM opportunity.stage_changes WHERE opportunity_id = $1 ORDER BY changed_at DESC LIMIT 1)`,
      [ids[11]],
    );
  });
  afterAll(() => api.close());

  it('answers the funnel and the forecast exactly as computed from the rows, for everyone and within a scope', async () => {
    await expectFunnelAsFromRows(admin, null);
    await expectFunnelAsFromRows(manager, [repA.id, repB.id]);
    const own = await expectFunnelAsFromRows(repA, [repA.id]);
    // repA had seven and transferred one to repB; repB's and repC's are not in it.
    expect(own.reduce((sum, stage) => sum + (stage.count as number), 0)).toBe(7 - 1);
    // Narrowed by created or close dates, from the read model's period columns.
    const periods: Record<string, string>[] = [
      { createdFrom: '2026-02-01', createdTo: '2026-02-28' },
      { createdFrom: '2026-01-01', createdTo: '2026-01-31' },
      { createdTo: '2026-01-31' },
      { closeFrom: '2026-03-20', closeTo: '2026-06-30' },
      { closeFrom: '2026-07-01' },
      { createdFrom: '2026-02-01', closeTo: '2026-06-30' },
      // Several whole months; partial months at either edge or both; an open end.
      { createdFrom: '2026-01-01', createdTo: '2026-05-31' },
      { createdFrom: '2026-01-31', createdTo: '2026-05-01' },
      { createdFrom: '2026-02-01', createdTo: '2026-06-30' },
      { createdFrom: '2026-05-01' },
      { closeFrom: '2026-03-16', closeTo: '2026-09-10' },
      { closeFrom: '2026-04-01', closeTo: '2026-12-31' },
      { closeTo: '2026-05-31' },
    ];
    for (const filters of periods) {
      await expectFunnelAsFromRows(admin, null, filters);
      await expectFunnelAsFromRows(manager, [repA.id, repB.id], filters);
      await expectFunnelAsFromRows(repA, [repA.id], filters);
    }
    const february = await expectFunnelAsFromRows(admin, null, periods[0]!);
    expect(february.reduce((sum, stage) => sum + (stage.count as number), 0)).toBe(6);
    // 31 January 23:30 (two), February (six), 15 March, 1 May 00:30; not 31 May 23:59 nor 1 July 00:00.
    const edges = await expectFunnelAsFromRows(admin, null, periods[7]!);
    expect(edges.reduce((sum, stage) => sum + (stage.count as number), 0)).toBe(10);
    expect(edges.some((stage) => stage.medianSecondsInStage !== null)).toBe(true);
    for (const kind of ['month', 'quarter'] as const) {
      await expectForecastAsFromRows(null, kind);
      await expectForecastAsFromRows([repA.id], kind);
    }
  });

  it('stays right when the pipeline is re-weighted, reordered and a stage removed with its opportunities moved', async () => {
    const { stages, etag } = await pipeline();
    const [s1, s2, s3, s4, won, lost] = stages;
    await api.http
      .patch(`/api/v1/pipelines/${pipelineId}`)
      .set('Authorization', admin.auth)
      .set('If-Match', etag)
      .send({ stages: [s1, { ...s3, probability: 65, forecastCategory: 'commit' }, { ...s2, probability: 25 }, s4, won, lost] })
      .expect(200);
    await expectFunnelAsFromRows(admin, null);
    await expectForecastAsFromRows(null, 'month');
    const edited = await pipeline();
    const moved = await api.http
      .patch(`/api/v1/pipelines/${pipelineId}`)
      .set('Authorization', admin.auth)
      .set('If-Match', edited.etag)
      .send({ stages: edited.stages.filter((stage) => stage.id !== s2!.id), moveTo: { [s2!.id]: s4!.id } })
      .expect(200);
    expect(moved.body.movedOpportunities).toBeGreaterThan(0);
    await expectFunnelAsFromRows(admin, null);
    await expectFunnelAsFromRows(repB, [repB.id]);
    await expectFunnelAsFromRows(admin, null, { createdFrom: '2026-01-31', createdTo: '2026-05-01' });
    await expectFunnelAsFromRows(admin, null, { closeFrom: '2026-03-16', closeTo: '2026-09-10' });
    await expectForecastAsFromRows(null, 'quarter');
  });

  it('leaves the counts alone when an edit changes nothing they count', async () => {
    const customerId = await heldCustomer(api, repA);
    const { body } = await createOpportunity(api, repA, { customerId, amount: '500' }).expect(201);
    // xmin: the transaction that last wrote the opportunity's contribution row.
    const written = async () =>
      (await api.tx.query<{ xmin: string }>(`SELECT xmin::text FROM opportunity.report_contributions WHERE opportunity_id = $1`, [body.id]))[0]!.xmin;
    const created = await written();
    await patch(repA, body.id, { name: '改名后的商机' });
    expect(await written()).toBe(created);
    await patch(repA, body.id, { amount: '612.5' });
    const rewritten = await written();
    expect(rewritten).not.toBe(created);
    const [row] = await api.tx.query<{ amount: string }>(`SELECT amount::text FROM opportunity.report_contributions WHERE opportunity_id = $1`, [body.id]);
    expect(row!.amount).toBe((await getOpportunity(api, repA, body.id).expect(200)).body.amount);
    expect(row!.amount).toMatch(/^612\.50*$/);
    await patch(repA, body.id, { expectedCloseDate: '2026-12-31' });
    expect(await written()).not.toBe(rewritten);
  });

  it('equals a rebuild from scratch, row for row', async () => {
    const tables = {
      funnel_totals: 'pipeline_id, owner_id, stage_id, status, reach, count, trim_scale(amount), trim_scale(plain_amount), trim_scale(override_weighted)',
      forecast_monthly: 'owner_id, stage_id, status, month, count, trim_scale(amount), trim_scale(plain_amount), trim_scale(override_weighted)',
      funnel_stay_buckets: 'pipeline_id, owner_id, stage_id, bucket, count',
      funnel_stays: 'change_id, opportunity_id, pipeline_id, owner_id, stage_id, seconds, bucket, fine, created_on, close_on',
      funnel_stay_fine: 'pipeline_id, stage_id, fine, count',
      funnel_period_totals:
        'pipeline_id, kind, grain, start, stage_id, status, reach, count, trim_scale(amount), trim_scale(plain_amount), trim_scale(override_weighted)',
      funnel_period_stays: 'pipeline_id, kind, grain, start, stage_id, bucket, count',
      funnel_pipeline_stay_buckets: 'pipeline_id, stage_id, bucket, count',
      funnel_period_fine: 'pipeline_id, kind, stage_id, bucket, start, fine, count',
      funnel_owner_period_totals:
        'pipeline_id, owner_id, kind, start, stage_id, status, reach, count, trim_scale(amount), trim_scale(plain_amount), trim_scale(override_weighted)',
      report_contributions: 'opportunity_id, pipeline_id, owner_id, stage_id, status, reach, amount, probability_override, month, created_on, close_on',
    };
    const read = async () => {
      const result: Record<string, string[]> = {};
      for (const [table, columns] of Object.entries(tables)) {
        const rows = await api.tx.query<{ row: string }>(
          `SELECT (${columns})::text AS row FROM opportunity.${table} ${table === 'funnel_stays' || table === 'report_contributions' ? '' : 'WHERE count <> 0'} ORDER BY 1`,
        );
        result[table] = rows.map((row) => row.row);
      }
      return result;
    };
    const kept = await read();
    expect(kept.funnel_stays!.length).toBeGreaterThan(20);
    await api.tx.query(`SELECT opportunity.refresh_report_contributions(NULL)`);
    expect(await read()).toEqual(kept);
  });
});
