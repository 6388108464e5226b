import { QueryBus } from '@nestjs/cqrs';
import { FindOrderByNumberQuery, GetServiceEntitlementsQuery } from '@crm/contracts/contract';
import { TestApp, type TestUser } from '../support/test-app.js';
import { approveOrder, createOrder, heldCustomer, pricedList, product, productLine, recordPayment } from './order-fixtures.js';

/** What the ServiceTicket context asks: a customer's handed-off orders with warranty ends, and an order by its number. */
describe('Service entitlements [该不该服务]', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let finance: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    finance = await api.user(['finance']);
  });
  afterAll(() => api.close());

  it('lists only handed-off orders with their products and warranty end; finds an order by number', async () => {
    const lineId = await productLine(api, admin);
    const gift = await product(api, admin, lineId);
    const device = await product(api, admin, lineId, { warrantyMonths: 12, children: [{ productId: gift, kind: 'gift', quantity: '1' }] });
    const list = await pricedList(api, admin, [[device, '300.00']]);
    const customerId = await heldCustomer(api, rep);
    const { body: open } = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: device, quantity: '1' }] }).expect(201);
    const { body: done } = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: device, quantity: '2' }] }).expect(201);
    await approveOrder(api, rep, admin, done.id);
    await recordPayment(api, finance, done.id, '600.00').expect(201);
    const handedOff = await api.http.post(`/api/v1/orders/${done.id}/hand-off`).set('Authorization', rep.auth).expect(200);

    const queries = api.app.get(QueryBus);
    const entitlements = await queries.execute(new GetServiceEntitlementsQuery(customerId, new Date()));
    const at = new Date(handedOff.body.handedOffAt);
    const end = new Date(at);
    end.setUTCMonth(at.getUTCMonth() + 12);
    expect(entitlements).toEqual({
      customerId,
      completedOrders: [
        {
          orderId: done.id,
          number: done.number,
          contractId: null,
          handedOffAt: handedOff.body.handedOffAt,
          products: [
            { productId: device, productLineId: lineId, quantity: '2', warrantyMonths: 12, warrantyEndsAt: end.toISOString() },
            { productId: gift, productLineId: lineId, quantity: '2', warrantyMonths: 0, warrantyEndsAt: null },
          ],
        },
      ],
      contractsInForce: [],
    });
    // Asked about a moment before the hand-off, nothing was handed off yet.
    expect((await queries.execute(new GetServiceEntitlementsQuery(customerId, new Date(at.getTime() - 1000)))).completedOrders).toEqual([]);

    expect(await queries.execute(new FindOrderByNumberQuery(open.number))).toEqual({
      orderId: open.id,
      number: open.number,
      customerId,
      contractId: null,
      status: 'draft',
    });
    expect(await queries.execute(new FindOrderByNumberQuery('SO00000000000000'))).toBeNull();
  });
});
