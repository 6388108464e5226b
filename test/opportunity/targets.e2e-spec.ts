import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, defaultStages, heldCustomer } from './opportunity-fixtures.js';
import { readyOpportunity, walk } from './report-fixtures.js';

/**
 * OPP-5 targets [目标], achievement [达成率] and pipeline coverage [商机覆盖] on a known data set, Q1 2026
 * (won_at back-dated through SQL: the wins happen now in the test, the figures are about a known quarter):
 *
 *   rep A  customer 1: W1 0.10 won 2026-01-10, W2 0.20 won 2026-02-10       (customer 1 new in Q1)
 *          customer 2: W3 33.33 won 2026-04-01 00:30 Shanghai (Q2, though 31 March in UTC), W4 33.33 won 2026-03-15   (new in Q1)
 *          customer 4: W6 100.00 won 2025-12-20, W7 33.33 won 2026-01-20     (not new: first won in 2025)
 *          open: O1 1000.00 商务谈判 80 % close 2026-03-20, O2 500.00 方案报价 60 % close 2026-02-15, O3 700.00 close 2026-04-01
 *   rep B  customer 3: B1 100.00 won 2026-02-01 (new)
 *
 * A in Q1: won 0.10 + 0.20 + 33.33 + 33.33 = 66.96, 4 wins, 2 new customers. Team (A + B): 166.96.
 */
describe('Targets [目标] with achievement and coverage', () => {
  let api: TestApp;
  let admin: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let repC: TestUser;
  let manager: TestUser;
  let team: { departmentId: string; teamId: string };
  const targetOf: Record<string, string> = {};

  const setTarget = (user: TestUser, body: Record<string, unknown>) => api.http.post('/api/v1/targets').set('Authorization', user.auth).send(body);
  const getTarget = (user: TestUser, id: string) => api.http.get(`/api/v1/targets/${id}`).set('Authorization', user.auth);

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    team = await api.team();
    const elsewhere = await api.team();
    repA = await api.user(['sales-rep'], team);
    repB = await api.user(['sales-rep'], team);
    repC = await api.user(['sales-rep'], elsewhere);
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    const stages = await defaultStages(api, repA);
    const [s3, s4, won] = ['方案报价', '商务谈判', '赢单'].map((name) => stages[name]!.id) as string[];
    const [productId] = await catalogProducts(api, admin, 1);
    const [c1, c2, c4] = [await heldCustomer(api, repA), await heldCustomer(api, repA), await heldCustomer(api, repA)];
    const c3 = await heldCustomer(api, repB);
    const wonAt = async (user: TestUser, customerId: string, amount: string, at: string) => {
      const id = await readyOpportunity(api, user, { customerId, productId: productId!, amount });
      await walk(api, user, id, [won!]);
      await api.tx.query(`UPDATE opportunity.opportunities SET won_at = $2 WHERE id = $1`, [id, at]);
    };
    await wonAt(repA, c1, '0.10', '2026-01-10T10:00:00+08:00');
    await wonAt(repA, c1, '0.20', '2026-02-10T10:00:00+08:00');
    await wonAt(repA, c2, '33.33', '2026-04-01T00:30:00+08:00');
    await wonAt(repA, c2, '33.33', '2026-03-15T10:00:00+08:00');
    await wonAt(repA, c4, '100.00', '2025-12-20T10:00:00+08:00');
    await wonAt(repA, c4, '33.33', '2026-01-20T10:00:00+08:00');
    await wonAt(repB, c3, '100.00', '2026-02-01T10:00:00+08:00');
    const open = async (amount: string, expectedCloseDate: string, stageId: string) => {
      const id = await readyOpportunity(api, repA, { customerId: c1, productId: productId!, amount, expectedCloseDate });
      await walk(api, repA, id, [stageId]);
    };
    await open('1000.00', '2026-03-20', s4!);
    await open('500.00', '2026-02-15', s3!);
    await open('700.00', '2026-04-01', s4!);
  });
  afterAll(() => api.close());

  it('measures won amount, won count and new customers in the period, for a person and a team', async () => {
    const amount = await setTarget(manager, { subjectType: 'user', subjectId: repA.id, period: '2026-Q1', metric: 'won-amount', value: '1000' }).expect(201);
    targetOf.amountA = amount.body.id;
    expect(amount.headers.location).toBe(`/api/v1/targets/${amount.body.id}`);
    // 66.96 / 1000.00 = 6.696 % → 6.70.
    expect(amount.body).toMatchObject({ value: '1000.00', achieved: '66.96', achievementRate: '6.70', version: 1 });
    const customers = await setTarget(manager, { subjectType: 'user', subjectId: repA.id, period: '2026-Q1', metric: 'new-customers', value: '4' }).expect(201);
    targetOf.customersA = customers.body.id;
    // Customers 1 and 2 (customer 4 was first won in 2025): 2 of 4 = 50.00 %.
    expect(customers.body).toMatchObject({ value: '4', achieved: '2', achievementRate: '50.00' });
    const count = await setTarget(manager, { subjectType: 'user', subjectId: repA.id, period: '2026-Q1', metric: 'won-count', value: '3' }).expect(201);
    targetOf.countA = count.body.id;
    // W1, W2, W4, W7 = 4 of 3 = 133.33 %.
    expect(count.body).toMatchObject({ achieved: '4', achievementRate: '133.33' });
    const teamTarget = await setTarget(manager, {
      subjectType: 'team',
      subjectId: team.teamId,
      period: '2026-Q1',
      metric: 'won-amount',
      value: '500.00',
    }).expect(201);
    targetOf.team = teamTarget.body.id;
    // 66.96 + 100.00 = 166.96 of 500.00 = 33.392 % → 33.39.
    expect(teamTarget.body).toMatchObject({ achieved: '166.96', achievementRate: '33.39' });
    const yearB = await setTarget(manager, { subjectType: 'user', subjectId: repB.id, period: '2026', metric: 'won-amount', value: '100.00' }).expect(201);
    targetOf.yearB = yearB.body.id;
    expect(yearB.body).toMatchObject({ achieved: '100.00', achievementRate: '100.00' });
    // A month: February for A is W2 only, 0.20 of 0.30 = 66.67 %.
    const february = await setTarget(manager, { subjectType: 'user', subjectId: repA.id, period: '2026-02', metric: 'won-amount', value: '0.30' }).expect(201);
    targetOf.februaryA = february.body.id;
    expect(february.body).toMatchObject({ achieved: '0.20', achievementRate: '66.67' });
  });

  it('covers the gap with the open pipeline expected to close in the period', async () => {
    const { body } = await api.http.get(`/api/v1/targets/${targetOf.amountA}/coverage`).set('Authorization', repA.auth).expect(200);
    // Gap 1000.00 − 66.96 = 933.04; O1 and O2 close in Q1 (O3 on 1 April does not): 1000.00 × 80 % + 500.00 × 60 % = 800.00 + 300.00 = 1100.00;
    // 1100.00 / 933.04 = 1.1789… → 1.18.
    expect(body).toEqual({
      targetId: targetOf.amountA,
      period: '2026-Q1',
      value: '1000.00',
      achieved: '66.96',
      gap: '933.04',
      openCount: 2,
      openAmount: '1500.00',
      openWeightedAmount: '1100.00',
      coverage: '1.18',
    });
    // Reached: no gap, no coverage figure.
    expect((await api.http.get(`/api/v1/targets/${targetOf.yearB}/coverage`).set('Authorization', manager.auth).expect(200)).body).toMatchObject({
      gap: '0.00',
      coverage: null,
    });
    expect((await api.http.get(`/api/v1/targets/${targetOf.customersA}/coverage`).set('Authorization', manager.auth).expect(422)).body.code).toBe(
      'OPPORTUNITY.COVERAGE_NEEDS_WON_AMOUNT',
    );
  });

  it('is seen by the person and their superiors only', async () => {
    await getTarget(repA, targetOf.amountA!).expect(200);
    await getTarget(repA, targetOf.team!).expect(200); // their own team's
    await getTarget(manager, targetOf.amountA!).expect(200);
    await getTarget(admin, targetOf.amountA!).expect(200);
    for (const [user, id] of [
      [repB, targetOf.amountA],
      [repA, targetOf.yearB],
      [repC, targetOf.amountA],
      [repC, targetOf.team],
    ] as [TestUser, string][]) {
      expect((await getTarget(user, id).expect(404)).body.code).toBe('OPPORTUNITY.TARGET_NOT_FOUND');
      expect((await api.http.get(`/api/v1/targets/${id}/coverage`).set('Authorization', user.auth).expect(404)).body.code).toBe('OPPORTUNITY.TARGET_NOT_FOUND');
    }
    const listed = async (user: TestUser) =>
      ((await api.http.get('/api/v1/targets').query({ period: '2026-Q1' }).set('Authorization', user.auth).expect(200)).body.items as { id: string }[]).map(
        (item) => item.id,
      );
    expect((await listed(repA)).sort()).toEqual([targetOf.amountA, targetOf.customersA, targetOf.countA, targetOf.team].sort());
    expect(await listed(repB)).toEqual([targetOf.team]);
    expect(await listed(repC)).toEqual([]);
    expect(await listed(manager)).toHaveLength(4);
    // Paging keeps to what one may see.
    const page = await api.http.get('/api/v1/targets').query({ limit: 2 }).set('Authorization', repA.auth).expect(200);
    expect(page.body.items).toHaveLength(2);
    const rest = await api.http.get('/api/v1/targets').query({ limit: 10, cursor: page.body.nextCursor }).set('Authorization', repA.auth).expect(200);
    // A's four own (three for Q1, one for February) and the team's, none twice; B's never.
    expect([...page.body.items, ...rest.body.items].map((item: { id: string }) => item.id).sort()).toEqual(
      [targetOf.amountA, targetOf.customersA, targetOf.countA, targetOf.februaryA, targetOf.team].sort(),
    );
    expect(rest.body.nextCursor).toBeNull();
  });

  it('is set by a superior only, once per subject, period and metric, and changed with If-Match', async () => {
    expect(
      (await setTarget(repA, { subjectType: 'user', subjectId: repA.id, period: '2026-Q2', metric: 'won-amount', value: '1' }).expect(403)).body.code,
    ).toBe('AUTH.FORBIDDEN');
    expect(
      (await setTarget(manager, { subjectType: 'user', subjectId: manager.id, period: '2026-Q2', metric: 'won-amount', value: '1' }).expect(403)).body.code,
    ).toBe('OPPORTUNITY.OWN_TARGET');
    expect(
      (await setTarget(manager, { subjectType: 'user', subjectId: repC.id, period: '2026-Q2', metric: 'won-amount', value: '1' }).expect(404)).body.code,
    ).toBe('OPPORTUNITY.TARGET_SUBJECT_NOT_FOUND');
    const duplicate = await setTarget(manager, { subjectType: 'user', subjectId: repA.id, period: '2026-Q1', metric: 'won-amount', value: '5' }).expect(409);
    expect(duplicate.body).toMatchObject({ code: 'OPPORTUNITY.TARGET_EXISTS', targetId: targetOf.amountA });
    await setTarget(manager, { subjectType: 'user', subjectId: repA.id, period: '2026-Q5', metric: 'won-amount', value: '5' }).expect(400);
    await setTarget(manager, { subjectType: 'user', subjectId: repA.id, period: '2026-Q2', metric: 'invoiced-amount', value: '5' }).expect(400);
    expect(
      (await setTarget(manager, { subjectType: 'user', subjectId: repA.id, period: '2026-Q2', metric: 'new-customers', value: '2.5' }).expect(400)).body.code,
    ).toBe('OPPORTUNITY.INVALID_TARGET');

    const patch = (user: TestUser, value: string, ifMatch: string) =>
      api.http.patch(`/api/v1/targets/${targetOf.amountA}`).set('Authorization', user.auth).set('If-Match', ifMatch).send({ value });
    expect((await patch(repA, '1', '"1"').expect(403)).body.code).toBe('AUTH.FORBIDDEN');
    const changed = await patch(manager, '800.00', '"1"').expect(200);
    expect(changed.headers.etag).toBe('"2"');
    // 66.96 / 800.00 = 8.37 %.
    expect(changed.body).toMatchObject({ value: '800.00', achieved: '66.96', achievementRate: '8.37', version: 2 });
    await patch(manager, '900.00', '"1"').expect(412);
    expect((await getTarget(repA, targetOf.amountA!).expect(200)).body.value).toBe('800.00');
  });
});
