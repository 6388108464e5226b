import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, defaultStages, heldCustomer } from './opportunity-fixtures.js';
import { readyOpportunity, walk } from './report-fixtures.js';

/** Month keys and the Monday of this week in Shanghai (UTC+8 all year), worked out here rather than by the code under test. */
const shanghai = new Date(Date.now() + 8 * 3600_000);
const monthKey = (offset: number) => new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
const NEXT_MONTH = monthKey(1);
const MONDAY = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() - ((shanghai.getUTCDay() + 6) % 7)))
  .toISOString()
  .slice(0, 10);

/**
 * OPP-5 weekly forecast snapshots [预测快照] and forecast accuracy [预测准确率]. Next month (M1):
 *
 *   before the snapshot   rep A  P1 1000.00 商务谈判 (commit 80 %), P2 400.00 方案报价 (best-case 60 %), P3 300.00 商务谈判
 *                         rep B  B1  200.00 商务谈判;  the manager adjusts A's M1 commit to 1000.00
 *   after it              P1 lost; P3 won; P4 500.00 opened and won; B1 won — all in M1
 *
 * A forecast 1300.00 (adjusted 1000.00) and won 300.00 + 500.00 = 800.00; B forecast and won 200.00.
 */
describe('Weekly forecast snapshots and forecast accuracy', () => {
  let api: TestApp;
  let admin: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let manager: TestUser;

  const snapshot = (user: TestUser) => api.http.post('/api/v1/forecast-snapshots').set('Authorization', user.auth).send();
  const accuracy = async (user: TestUser, query: Record<string, string>) =>
    (await api.http.get('/api/v1/opportunities/forecast-accuracy').query(query).set('Authorization', user.auth).expect(200)).body.rows as Record<
      string,
      unknown
    >[];

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
  });
  afterAll(() => api.close());

  it('freezes each person’s forecast once a week, judges it against what was won in the period', async () => {
    const stages = await defaultStages(api, repA);
    const [s3, s4, won, lost] = ['方案报价', '商务谈判', '赢单', '输单'].map((name) => stages[name]!.id) as string[];
    const [productId] = await catalogProducts(api, admin, 1);
    const customerA = await heldCustomer(api, repA);
    const customerB = await heldCustomer(api, repB);
    const make = async (user: TestUser, customerId: string, amount: string, day: string, path: string[]) => {
      const id = await readyOpportunity(api, user, { customerId, productId: productId!, amount, expectedCloseDate: `${NEXT_MONTH}-${day}` });
      await walk(api, user, id, path, lost);
      return id;
    };
    const p1 = await make(repA, customerA, '1000.00', '10', [s4!]);
    await make(repA, customerA, '400.00', '20', [s3!]);
    const p3 = await make(repA, customerA, '300.00', '05', [s4!]);
    const b1 = await make(repB, customerB, '200.00', '10', [s4!]);
    await api.http
      .post('/api/v1/forecast-adjustments')
      .set('Authorization', manager.auth)
      .send({ ownerId: repA.id, period: NEXT_MONTH, category: 'commit', amount: '1000.00', reason: '大单可能延期' })
      .expect(201);

    expect((await snapshot(repA).expect(403)).body.code).toBe('AUTH.FORBIDDEN');
    // Two at once (the scheduler in two workers, or an administrator beside it): the week is taken exactly once.
    const both = await Promise.all([snapshot(admin).expect(200), snapshot(admin).expect(200)]);
    expect(both.map((response) => response.body).sort((a, b) => Number(b.taken) - Number(a.taken))).toEqual([
      { weekStart: MONDAY, taken: true, rows: 3 },
      { weekStart: MONDAY, taken: false, rows: 0 },
    ]);
    const frozen = await api.tx.query<Record<string, string>>(
      `SELECT owner_id, category, amount::text, weighted_amount::text, adjusted_amount::text FROM opportunity.forecast_snapshots
        WHERE period = $1 ORDER BY owner_id = $2 DESC, category`,
      [NEXT_MONTH, repA.id],
    );
    expect(frozen.map((row) => [row.owner_id, row.category, row.amount, row.weighted_amount, row.adjusted_amount])).toEqual([
      // A: best-case 400.00 × 60 % = 240.00; commit 1000.00 + 300.00 = 1300.00, × 80 % = 1040.00, adjusted to 1000.00.
      [repA.id, 'best-case', '400.00', '240.00', '400.00'],
      [repA.id, 'commit', '1300.00', '1040.00', '1000.00'],
      // B: 200.00 × 80 % = 160.00.
      [repB.id, 'commit', '200.00', '160.00', '200.00'],
    ]);
    // A second run that week writes nothing, whatever changed since.
    await make(repA, customerA, '99.00', '11', [s4!]);
    expect((await snapshot(admin).expect(200)).body).toEqual({ weekStart: MONDAY, taken: false, rows: 0 });
    const [{ count }] = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM opportunity.forecast_snapshots WHERE period = $1`, [
      NEXT_MONTH,
    ]);
    expect(count).toBe(3);

    // The month happens: P1 lost, P3, P4 and B1 won, each back-dated into M1 (00:00 on the 15th in Shanghai is 16:00 the day before in UTC).
    await walk(api, repA, p1, [lost!], lost);
    await walk(api, repA, p3, [won!]);
    const p4 = await make(repA, customerA, '500.00', '25', [s4!, won!]);
    await walk(api, repB, b1, [won!]);
    await api.tx.query(`UPDATE opportunity.opportunities SET won_at = $2::date::timestamp AT TIME ZONE 'Asia/Shanghai' WHERE id = ANY($1::uuid[])`, [
      [p3, p4, b1],
      `${NEXT_MONTH}-15`,
    ]);

    // A: |800 − 1300| / 1300 = 38.46 % missed → 61.54; against the adjusted 1000.00: 200 / 1000 = 20 % → 80.00.
    expect(await accuracy(repA, { period: NEXT_MONTH })).toEqual([
      {
        ownerId: repA.id,
        snapshotWeek: MONDAY,
        forecastAmount: '1300.00',
        adjustedForecastAmount: '1000.00',
        wonAmount: '800.00',
        accuracy: '61.54',
        adjustedAccuracy: '80.00',
      },
    ]);
    expect(await accuracy(repB, { period: NEXT_MONTH })).toEqual([
      {
        ownerId: repB.id,
        snapshotWeek: MONDAY,
        forecastAmount: '200.00',
        adjustedForecastAmount: '200.00',
        wonAmount: '200.00',
        accuracy: '100.00',
        adjustedAccuracy: '100.00',
      },
    ]);
    // A rep naming another gets nothing; the manager sees both.
    expect(await accuracy(repB, { period: NEXT_MONTH, ownerId: repA.id })).toEqual([]);
    expect((await accuracy(manager, { period: NEXT_MONTH })).map((row) => row.ownerId).sort()).toEqual([repA.id, repB.id].sort());
    await api.http.get('/api/v1/opportunities/forecast-accuracy').query({ period: '2026' }).set('Authorization', repA.auth).expect(400);
  });
});
