import { applyOpportunityEvents, OPPORTUNITY_EVENTS } from '../../libs/customer/src/application/reactions/project-customer-opportunities.reaction.js';
import { catalogProducts, changeStage, createOpportunity, defaultStages, getOpportunity, heldCustomer } from '../opportunity/opportunity-fixtures.js';
import { PRICE_TOO_HIGH } from '../opportunity/report-fixtures.js';
import { TestApp, type TestUser } from '../support/test-app.js';

/**
 * The customer shows whether it was ever won [成交客户] and its open pipeline, kept by the Customer context
 * from Opportunity events in the transaction that raised them: right in the next request, never flipped
 * back by a renewal or a later loss, and the same when the event log is replayed (what the migration does).
 */
describe('Customer: ever won and open pipeline', () => {
  let api: TestApp;
  let rep: TestUser;
  let other: TestUser;
  let customerId: string;
  let productId: string;
  let stages: Awaited<ReturnType<typeof defaultStages>>;

  const customer = async (user: TestUser = rep) => (await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', user.auth).expect(200)).body;
  const open = async (amount: string, extra: object = {}) => {
    const { body } = await createOpportunity(api, rep, {
      customerId,
      amount,
      products: [{ productId, quantity: '1', unitPrice: '1.00' }],
      ...extra,
    }).expect(201);
    return body.id as string;
  };

  beforeAll(async () => {
    api = await TestApp.start();
    const admin = await api.user(['admin']);
    rep = await api.user(['sales-rep'], await api.team());
    other = await api.user(['sales-rep'], await api.team());
    customerId = await heldCustomer(api, rep);
    [productId] = (await catalogProducts(api, admin, 1)) as [string];
    stages = await defaultStages(api, rep);
  });
  afterAll(() => api.close());

  it('follows the opportunities: opened, re-valued, won, renewed, lost', async () => {
    expect((await customer()).opportunities).toEqual({ everWon: false, lastWonAt: null, openCount: 0, openAmounts: [] });

    const first = await open('100.00');
    const second = await open('50.50');
    const usd = await open('10.00', { currency: 'USD' });
    expect((await customer()).opportunities).toMatchObject({
      everWon: false,
      openCount: 3,
      openAmounts: [
        { currency: 'CNY', amount: '150.50' },
        { currency: 'USD', amount: '10.00' },
      ],
    });

    const etag = (await getOpportunity(api, rep, first).expect(200)).headers.etag!;
    await api.http.patch(`/api/v1/opportunities/${first}`).set('Authorization', rep.auth).set('If-Match', etag).send({ amount: '200.00' }).expect(200);
    // 200.00 + 50.50
    expect((await customer()).opportunities.openAmounts).toEqual([
      { currency: 'CNY', amount: '250.50' },
      { currency: 'USD', amount: '10.00' },
    ]);

    const won = await changeStage(api, rep, first, { toStageId: stages['赢单']!.id }).expect(200);
    const afterWin = (await customer()).opportunities;
    expect(afterWin).toEqual({ everWon: true, lastWonAt: won.body.wonAt, openCount: 2, openAmounts: expect.any(Array) });
    expect(afterWin.openAmounts).toEqual([
      { currency: 'CNY', amount: '50.50' },
      { currency: 'USD', amount: '10.00' },
    ]);

    // A renewal [续费] is a new open opportunity; losing it, and losing the other, leave the customer won.
    const renewal = await open('300.00', { type: 'renewal', previousOpportunityId: first });
    expect((await customer()).opportunities).toMatchObject({ everWon: true, openCount: 3 });
    for (const id of [renewal, second, usd]) {
      await changeStage(api, rep, id, { toStageId: stages['输单']!.id, lossReasonId: PRICE_TOO_HIGH }).expect(200);
    }
    expect((await customer()).opportunities).toEqual({ everWon: true, lastWonAt: won.body.wonAt, openCount: 0, openAmounts: [] });

    // The list carries the same figures; another rep still does not see the customer at all.
    const list = await api.http.get('/api/v1/customers').set('Authorization', rep.auth).expect(200);
    expect(list.body.items.find((item: { id: string }) => item.id === customerId).opportunities).toMatchObject({ everWon: true, openCount: 0 });
    await api.http.get(`/api/v1/customers/${customerId}`).set('Authorization', other.auth).expect(404);
  });

  it('is what a replay of the event log gives (the migration for existing data)', async () => {
    const before = (await customer()).opportunities;
    await api.tx.query(`DELETE FROM customer.opportunity_copies`);
    await api.tx.query(`UPDATE customer.customers SET ever_won = false, last_won_at = NULL, open_opportunity_count = 0, open_pipeline_amounts = '[]'`);
    expect((await customer()).opportunities.everWon).toBe(false);
    const events = await api.tx.query<{ type: string; payload: unknown }>(
      `SELECT type, payload FROM platform.events WHERE type = ANY($1::text[]) ORDER BY seq`,
      [OPPORTUNITY_EVENTS.map((contract) => contract.type)],
    );
    await applyOpportunityEvents((text, values) => api.tx.query(text, values), events);
    expect((await customer()).opportunities).toEqual(before);
  });
});
