import { IdentityService } from '@crm/identity';
import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, defaultStages, getOpportunity, heldCustomer } from './opportunity-fixtures.js';
import { readyOpportunity, walk } from './report-fixtures.js';

interface Entry {
  rank: number;
  userId: string;
  displayName: string;
  value: string;
}

/**
 * OPP-5 leaderboard [排行榜], Q1 2026 (won_at back-dated through SQL into the quarter):
 *
 *   department 1, team 1:  A  0.10 + 0.20 on one customer     → 0.30,  2 wins, 1 new customer
 *                          B  3 × 33.33 on three customers     → 99.99, 3 wins, 3 new customers
 *                          D  100.00                            → 100.00, 1 win, 1 new customer
 *                          F  nothing
 *   department 1, team 2:  E  99.99                             → 99.99, 1 win, 1 new customer
 *   department 2:          C  500.00                            → 500.00, 1 win, 1 new customer
 */
describe('Leaderboard [排行榜]', () => {
  let api: TestApp;
  let repA: TestUser;
  let repB: TestUser;
  let repC: TestUser;
  let repD: TestUser;
  let repE: TestUser;
  let repF: TestUser;
  let opportunityOfC: string;

  const board = async (user: TestUser, query: Record<string, string>) =>
    (
      await api.http
        .get('/api/v1/leaderboard')
        .query({ period: '2026-Q1', ...query })
        .set('Authorization', user.auth)
        .expect(200)
    ).body.entries as Entry[];
  const standings = (entries: Entry[]) => Object.fromEntries(entries.map((entry) => [entry.userId, [entry.rank, entry.value]]));

  beforeAll(async () => {
    api = await TestApp.start();
    const admin = await api.user(['admin']);
    const team1 = await api.team();
    const team2 = (await api.app.get(IdentityService).createTeam('二组', team1.departmentId)).id;
    const elsewhere = await api.team();
    repA = await api.user(['sales-rep'], team1);
    repB = await api.user(['sales-rep'], team1);
    repD = await api.user(['sales-rep'], team1);
    repF = await api.user(['sales-rep'], team1);
    repE = await api.user(['sales-rep'], { departmentId: team1.departmentId, teamId: team2 });
    repC = await api.user(['sales-rep'], elsewhere);
    const won = (await defaultStages(api, repA))['赢单']!.id;
    const [productId] = await catalogProducts(api, admin, 1);
    const win = async (user: TestUser, customerId: string, amount: string) => {
      const id = await readyOpportunity(api, user, { customerId, productId: productId!, amount });
      await walk(api, user, id, [won]);
      await api.tx.query(`UPDATE opportunity.opportunities SET won_at = '2026-02-14T10:00:00+08:00' WHERE id = $1`, [id]);
      return id;
    };
    const customerA = await heldCustomer(api, repA);
    await win(repA, customerA, '0.10');
    await win(repA, customerA, '0.20');
    for (let index = 0; index < 3; index++) await win(repB, await heldCustomer(api, repB), '33.33');
    await win(repD, await heldCustomer(api, repD), '100.00');
    await win(repE, await heldCustomer(api, repE), '99.99');
    opportunityOfC = await win(repC, await heldCustomer(api, repC), '500.00');
  });
  afterAll(() => api.close());

  it('ranks the company by won amount; equal amounts share a rank', async () => {
    const entries = await board(repA, { metric: 'won-amount' });
    // 500.00 > 100.00 > 99.99 = 99.99 > 0.30 (0.10 + 0.20, exactly).
    expect(standings(entries)).toEqual({
      [repC.id]: [1, '500.00'],
      [repD.id]: [2, '100.00'],
      [repB.id]: [3, '99.99'],
      [repE.id]: [3, '99.99'],
      [repA.id]: [5, '0.30'],
    });
    expect(entries.map((entry) => entry.rank)).toEqual([1, 2, 3, 3, 5]);
    expect(entries[0]!.displayName).toMatch(/^User \d+$/);
  });

  it("ranks the caller's team and department, every member shown, zeros included", async () => {
    // Team 1 by won count: B 3, A 2, D 1, F 0.
    expect(standings(await board(repA, { metric: 'won-count', scope: 'team' }))).toEqual({
      [repB.id]: [1, '3'],
      [repA.id]: [2, '2'],
      [repD.id]: [3, '1'],
      [repF.id]: [4, '0'],
    });
    // Department 1 by new customers: B 3; A, D and E 1 each (A's second win is the same customer); F 0. C is elsewhere.
    expect(standings(await board(repA, { metric: 'new-customers', scope: 'department' }))).toEqual({
      [repB.id]: [1, '3'],
      [repA.id]: [2, '1'],
      [repD.id]: [2, '1'],
      [repE.id]: [2, '1'],
      [repF.id]: [5, '0'],
    });
    expect(standings(await board(repE, { metric: 'won-amount', scope: 'team' }))).toEqual({ [repE.id]: [1, '99.99'] });
  });

  it("shows a rep other people's names and totals, never their opportunities", async () => {
    const entries = await board(repA, { metric: 'won-amount' });
    for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(['displayName', 'rank', 'userId', 'value']);
    expect(JSON.stringify(entries)).not.toContain(opportunityOfC);
    // C is on the board, but C's opportunity stays out of reach, and so do C's funnel and forecast figures.
    expect((await getOpportunity(api, repA, opportunityOfC).expect(404)).body.code).toBe('OPPORTUNITY.NOT_FOUND');
    const funnel = await api.http.get('/api/v1/opportunities/funnel').query({ ownerId: repC.id }).set('Authorization', repA.auth).expect(200);
    expect(funnel.body.stages.every((stage: { count: number }) => stage.count === 0)).toBe(true);
  });

  it('refuses unknown metrics, periods and scopes', async () => {
    for (const query of [{ metric: 'lost-amount' }, { metric: 'won-amount', period: '2026-Q5' }, { metric: 'won-amount', scope: 'world' }]) {
      await api.http
        .get('/api/v1/leaderboard')
        .query({ period: '2026-Q1', ...query })
        .set('Authorization', repA.auth)
        .expect(400);
    }
  });
});
