import { IdentityService } from '@crm/identity';
import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, defaultStages, heldCustomer } from './opportunity-fixtures.js';
import { readyOpportunity, walk } from './report-fixtures.js';

interface Row {
  period: string;
  groupId: string | null;
  category: string;
  amount: string;
  weightedAmount: string;
  adjustedAmount: string;
  adjustment: { amount: string; reason: string; adjustedBy: string } | null;
}

/**
 * OPP-5 forecast [销售预测] on a known data set, January to March 2027 (default pipeline: 初步接洽 10 %
 * and 需求确认 30 % are `pipeline`, 方案报价 60 % `best-case`, 商务谈判 80 % `commit`):
 *
 *   rep A (team 1)  F1    0.10  初步接洽  close 2027-01-15
 *                   F2    0.20  需求确认  close 2027-01-31
 *                   F3-5 33.33  方案报价  close 2027-02-01, 02-28, 02-10
 *                   F6 1000.00  商务谈判  close 2027-03-01
 *                   F7  500.00  won at 2027-02-01 00:30 Shanghai (still 31 January in UTC)
 *                   F8  250.00  lost                      F9 70.00 初步接洽 close 2027-04-01 (after the range)
 *   rep B (team 1)  G1  200.00  商务谈判  close 2027-03-15
 *   rep D (team 2)  H1  300.00  商务谈判  close 2027-03-20      teams 1 and 2 are in department 1
 *   rep C (dept 2)  K1  400.00  商务谈判  close 2027-03-10
 *
 * The manager (department 1) adjusts A's March commit to 1200.00 and then to 1100.00, and B's February
 * best-case, where B has nothing, to 50.00.
 */
describe('Sales forecast [销售预测] with adjustments', () => {
  let api: TestApp;
  let admin: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let repC: TestUser;
  let repD: TestUser;
  let manager: TestUser;
  let team1: { departmentId: string; teamId: string };
  let team2Id: string;
  let department2: string;

  const forecast = async (user: TestUser, query: Record<string, string>): Promise<Row[]> => {
    const { body } = await api.http.get('/api/v1/opportunities/forecast').query(query).set('Authorization', user.auth).expect(200);
    return body.rows as Row[];
  };
  const figures = (rows: Row[]) => rows.map((row) => [row.period, row.groupId, row.category, row.amount, row.weightedAmount, row.adjustedAmount]);
  const adjust = (user: TestUser, body: Record<string, unknown>) => api.http.post('/api/v1/forecast-adjustments').set('Authorization', user.auth).send(body);
  const MONTHS = { period: 'month', from: '2027-01', to: '2027-03' };

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    team1 = await api.team();
    team2Id = (await api.app.get(IdentityService).createTeam('二组', team1.departmentId)).id;
    const elsewhere = await api.team();
    department2 = elsewhere.departmentId;
    repA = await api.user(['sales-rep'], team1);
    repB = await api.user(['sales-rep'], team1);
    repD = await api.user(['sales-rep'], { departmentId: team1.departmentId, teamId: team2Id });
    repC = await api.user(['sales-rep'], elsewhere);
    manager = await api.user(['sales-manager'], { departmentId: team1.departmentId });
    const stages = await defaultStages(api, repA);
    const [s2, s3, s4, won, lost] = ['需求确认', '方案报价', '商务谈判', '赢单', '输单'].map((name) => stages[name]!.id) as string[];
    const [productId] = await catalogProducts(api, admin, 1);
    const customers = new Map<TestUser, string>();
    const make = async (user: TestUser, amount: string, expectedCloseDate: string, path: string[] = []) => {
      if (!customers.has(user)) customers.set(user, await heldCustomer(api, user));
      const id = await readyOpportunity(api, user, { customerId: customers.get(user)!, productId: productId!, amount, expectedCloseDate });
      await walk(api, user, id, path, lost);
      return id;
    };
    await make(repA, '0.10', '2027-01-15');
    await make(repA, '0.20', '2027-01-31', [s2!]);
    await make(repA, '33.33', '2027-02-01', [s3!]);
    await make(repA, '33.33', '2027-02-28', [s3!]);
    await make(repA, '33.33', '2027-02-10', [s3!]);
    await make(repA, '1000.00', '2027-03-01', [s4!]);
    const f7 = await make(repA, '500.00', '2027-05-01', [s4!, won!]);
    // Won "now" in the test run; back-dated to a known instant, as if the deal had closed then.
    await api.tx.query(`UPDATE opportunity.opportunities SET won_at = '2027-01-31T16:30:00Z' WHERE id = $1`, [f7]);
    await make(repA, '250.00', '2027-02-15', [lost!]);
    await make(repA, '70.00', '2027-04-01');
    await make(repB, '200.00', '2027-03-15', [s4!]);
    await make(repD, '300.00', '2027-03-20', [s4!]);
    await make(repC, '400.00', '2027-03-10', [s4!]);

    await adjust(manager, { ownerId: repA.id, period: '2027-03', category: 'commit', amount: '1200', reason: '客户预算已批' }).expect(201);
    const latest = await adjust(manager, { ownerId: repA.id, period: '2027-03', category: 'commit', amount: '1100.00', reason: '采购流程延后一单' }).expect(
      201,
    );
    expect(latest.body).toMatchObject({ ownerId: repA.id, period: '2027-03', category: 'commit', amount: '1100.00', adjustedBy: manager.id });
    await adjust(manager, { ownerId: repB.id, period: '2027-02', category: 'best-case', amount: '50.00', reason: '新客户有意向' }).expect(201);
  });
  afterAll(() => api.close());

  it("by month and category, a rep's own figures: raw, weighted and adjusted side by side", async () => {
    const rows = await forecast(repA, MONTHS);
    expect(figures(rows)).toEqual([
      // January pipeline: 0.10 + 0.20 = 0.30; 0.10 × 10 % + 0.20 × 30 % = 0.01 + 0.06 = 0.07.
      ['2027-01', repA.id, 'pipeline', '0.30', '0.07', '0.30'],
      // February best-case: 3 × 33.33 = 99.99; 3 × 19.998 = 59.994 → 59.99 (rounded once, not 3 × 20.00).
      ['2027-02', repA.id, 'best-case', '99.99', '59.99', '99.99'],
      // F7 was won at 00:30 on 1 February in Shanghai: February, not January.
      ['2027-02', repA.id, 'closed-won', '500.00', '500.00', '500.00'],
      // March commit: 1000.00 × 80 % = 800.00; the manager's latest figure 1100.00 next to the raw 1000.00.
      ['2027-03', repA.id, 'commit', '1000.00', '800.00', '1100.00'],
    ]);
    expect(rows[3]!.adjustment).toMatchObject({ amount: '1100.00', reason: '采购流程延后一单', adjustedBy: manager.id });
    expect(rows[0]!.adjustment).toBeNull();
    // The answer's shape, whole: JSON with exactly these fields, the adjustment with its id and an ISO instant.
    const response = await api.http.get('/api/v1/opportunities/forecast').query(MONTHS).set('Authorization', repA.auth).expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(response.body)).toEqual(['period', 'groupBy', 'periods', 'rows']);
    expect(response.body).toMatchObject({ period: 'month', groupBy: 'owner', periods: ['2027-01', '2027-02', '2027-03'] });
    expect(Object.keys(response.body.rows[0]).sort()).toEqual(
      ['adjustedAmount', 'adjustment', 'amount', 'category', 'groupId', 'period', 'weightedAmount'].sort(),
    );
    expect(Object.keys(response.body.rows[3].adjustment).sort()).toEqual(['adjustedAt', 'adjustedBy', 'amount', 'id', 'reason']);
    expect(response.body.rows[3].adjustment.adjustedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(response.body.rows[3].adjustment.id).toMatch(/^[0-9a-f-]{36}$/);
    // Both adjustments stay on record.
    const [{ count }] = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM opportunity.forecast_adjustments WHERE owner_id = $1`, [
      repA.id,
    ]);
    expect(count).toBe(2);
  });

  it("never shows a rep anyone else's forecast; only managers adjust, within their scope, never their own", async () => {
    const ownB = await forecast(repB, MONTHS);
    // B: the manager's 50.00 on nothing (raw 0.00) and G1 200.00 × 80 % = 160.00.
    expect(figures(ownB)).toEqual([
      ['2027-02', repB.id, 'best-case', '0.00', '0.00', '50.00'],
      ['2027-03', repB.id, 'commit', '200.00', '160.00', '200.00'],
    ]);
    expect(await forecast(repB, { ...MONTHS, ownerId: repA.id })).toEqual([]);
    expect(await forecast(repB, { ...MONTHS, groupBy: 'team' })).toHaveLength(2);
    expect((await adjust(repA, { ownerId: repB.id, period: '2027-03', category: 'commit', amount: '1', reason: 'x' }).expect(403)).body.code).toBe(
      'AUTH.FORBIDDEN',
    );
    const outside = await adjust(manager, { ownerId: repC.id, period: '2027-03', category: 'commit', amount: '1', reason: 'x' }).expect(404);
    expect(outside.body.code).toBe('OPPORTUNITY.FORECAST_OWNER_NOT_FOUND');
    const own = await adjust(manager, { ownerId: manager.id, period: '2027-03', category: 'commit', amount: '1', reason: 'x' }).expect(403);
    expect(own.body.code).toBe('OPPORTUNITY.OWN_FORECAST');
    await adjust(manager, { ownerId: repA.id, period: '2027-13', category: 'commit', amount: '1', reason: 'x' }).expect(400);
    await adjust(manager, { ownerId: repA.id, period: '2027-03', category: 'omitted', amount: '1', reason: 'x' }).expect(400);
    expect((await adjust(manager, { ownerId: repA.id, period: '2027-03', category: 'commit', amount: '0.001', reason: 'x' }).expect(400)).body.code).toBe(
      'OPPORTUNITY.INVALID_AMOUNT',
    );
  });

  it('rolls owners up to teams and departments; a quarter takes quarter adjustments only', async () => {
    const teams = await forecast(manager, { ...MONTHS, groupBy: 'team' });
    const team1Rows = figures(teams.filter((row) => row.groupId === team1.teamId));
    expect(team1Rows).toEqual([
      ['2027-01', team1.teamId, 'pipeline', '0.30', '0.07', '0.30'],
      // 99.99 raw; adjusted 99.99 (A) + 50.00 (B's adjustment) = 149.99.
      ['2027-02', team1.teamId, 'best-case', '99.99', '59.99', '149.99'],
      ['2027-02', team1.teamId, 'closed-won', '500.00', '500.00', '500.00'],
      // 1000.00 + 200.00 = 1200.00; 800.00 + 160.00 = 960.00; adjusted 1100.00 + 200.00 = 1300.00.
      ['2027-03', team1.teamId, 'commit', '1200.00', '960.00', '1300.00'],
    ]);
    expect(figures(teams.filter((row) => row.groupId === team2Id))).toEqual([['2027-03', team2Id, 'commit', '300.00', '240.00', '300.00']]);
    expect(teams.every((row) => row.adjustment === null)).toBe(true);

    const departments = await forecast(manager, { ...MONTHS, groupBy: 'department' });
    // March commit for department 1: 1000 + 200 + 300 = 1500.00; 800 + 160 + 240 = 1200.00; 1100 + 200 + 300 = 1600.00. C's 400 is not in scope.
    expect(figures(departments).find((row) => row[0] === '2027-03')).toEqual(['2027-03', team1.departmentId, 'commit', '1500.00', '1200.00', '1600.00']);
    expect(departments.map((row) => row.groupId)).not.toContain(department2);

    const quarter = await forecast(manager, { period: 'quarter', from: '2027-Q1', to: '2027-Q1', groupBy: 'department' });
    expect(figures(quarter)).toEqual([
      ['2027-Q1', team1.departmentId, 'pipeline', '0.30', '0.07', '0.30'],
      ['2027-Q1', team1.departmentId, 'best-case', '99.99', '59.99', '99.99'],
      ['2027-Q1', team1.departmentId, 'commit', '1500.00', '1200.00', '1500.00'],
      ['2027-Q1', team1.departmentId, 'closed-won', '500.00', '500.00', '500.00'],
    ]);
    // All of the manager's scope in one row per period and category: here everyone in it is in department 1, so the
    // totals are that department's figures, without a group.
    const total = await forecast(manager, { ...MONTHS, groupBy: 'total' });
    expect(figures(total)).toEqual(figures(departments).map(([period, , ...rest]) => [period, null, ...rest]));
    expect(figures(total).find((row) => row[0] === '2027-03')).toEqual(['2027-03', null, 'commit', '1500.00', '1200.00', '1600.00']);
    expect(total.every((row) => row.adjustment === null)).toBe(true);
    // A rep's total is their own rows summed; narrowed to one owner, that owner's.
    expect(figures(await forecast(manager, { ...MONTHS, groupBy: 'total', ownerId: repB.id }))).toEqual(
      figures(await forecast(repB, MONTHS)).map(([period, , ...rest]) => [period, null, ...rest]),
    );
    // The head of the answer says what was asked, in the same order, for any grouping and period kind; no figures: no rows.
    const head = await api.http
      .get('/api/v1/opportunities/forecast')
      .query({ period: 'quarter', from: '2026-Q3', to: '2026-Q4', groupBy: 'department' })
      .set('Authorization', manager.auth)
      .expect(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(head.body).toEqual({ period: 'quarter', groupBy: 'department', periods: ['2026-Q3', '2026-Q4'], rows: [] });
    expect(Object.keys(head.body)).toEqual(['period', 'groupBy', 'periods', 'rows']);
    // The administrator sees the other department too: K1 400.00 × 80 % = 320.00.
    const all = await forecast(admin, { ...MONTHS, groupBy: 'department' });
    expect(figures(all.filter((row) => row.groupId === department2))).toEqual([['2027-03', department2, 'commit', '400.00', '320.00', '400.00']]);
  });

  it('refuses malformed or mixed period ranges', async () => {
    for (const query of [
      { period: 'month', from: '2027-03', to: '2027-01' },
      { period: 'month', from: '2027-Q1', to: '2027-Q2' },
      { period: 'month', from: '2027-01', to: '2030-01' },
      { period: 'week', from: '2027-01', to: '2027-02' },
      { period: 'month', from: '2027-01' },
    ]) {
      await api.http.get('/api/v1/opportunities/forecast').query(query).set('Authorization', repA.auth).expect(400);
    }
  });

  it('keeps any reason intact in the JSON that PostgreSQL writes (quotes, backslashes, line breaks)', async () => {
    const reason = '客户说 "下周签" \\ 见附件\n第二行\t完';
    await adjust(manager, { ownerId: repD.id, period: '2028-06', category: 'commit', amount: '10.00', reason }).expect(201);
    const response = await api.http
      .get('/api/v1/opportunities/forecast')
      .query({ period: 'month', from: '2028-06', to: '2028-06', ownerId: repD.id })
      .set('Authorization', manager.auth)
      .expect(200);
    expect(JSON.parse(response.text)).toEqual(response.body);
    expect(figures(response.body.rows as Row[])).toEqual([['2028-06', repD.id, 'commit', '0.00', '0.00', '10.00']]);
    expect(response.body.rows[0].adjustment).toMatchObject({ amount: '10.00', reason });
  });
});
