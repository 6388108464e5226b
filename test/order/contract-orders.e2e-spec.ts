import { QueryBus } from '@nestjs/cqrs';
import { GetServiceEntitlementsQuery } from '@crm/contracts/contract';
import { act, contractBody, createContract, decide } from '../contract/contract-fixtures.js';
import { describeOnServer } from '../support/test-database.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { createOrder, heldCustomer, pricedList, product, productLine, recordPayment } from './order-fixtures.js';

/** ORD-1: a contract has many orders; those of a non-framework contract never exceed its amount; its collection ratio. */
describe('Orders of a contract [合同订单]', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let finance: TestUser;
  let item: string;
  let list: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    otherRep = await api.user(['sales-rep']);
    finance = await api.user(['finance']);
    const lineId = await productLine(api, admin);
    item = await product(api, admin, lineId);
    list = await pricedList(api, admin, [[item, '300.00']]);
  });
  afterAll(() => api.close());

  /** A contract of the rep's customer, approved and (unless told) executing. */
  const contract = async (customerId: string, overrides: Record<string, unknown> = {}, execute = true) => {
    const created = await createContract(api, rep, contractBody(customerId, overrides)).expect(201);
    const submitted = await act(api, rep, created.body.id, 'submissions').expect(200);
    // Every step (a framework contract adds the department head's) falls back to the administrator here.
    const requestId = submitted.body.approvalRequestId as string;
    while ((await api.http.get(`/api/v1/approvals/${requestId}`).set('Authorization', admin.auth).expect(200)).body.status === 'pending') {
      await decide(api, admin, requestId, 'approve');
    }
    if (execute) await act(api, rep, created.body.id, 'activation').expect(200);
    return created.body as { id: string; number: string };
  };
  const order = (customerId: string, contractId: string, quantity: string) =>
    createOrder(api, rep, { customerId, contractId, priceListId: list, lines: [{ productId: item, quantity }] });

  it('refuses orders past the amount of a standard contract, not of a framework one; reports the collection ratio', async () => {
    const customerId = await heldCustomer(api, rep);
    const { id } = await contract(customerId, { amount: '1000.00' });
    const first = await order(customerId, id, '2').expect(201); // 600.00
    expect(first.body.contractId).toBe(id);
    const refused = await order(customerId, id, '2').expect(422); // 600 + 600 > 1000
    expect(refused.body).toMatchObject({
      code: 'ORDER.EXCEEDS_CONTRACT_AMOUNT',
      contractAmount: '1000.00',
      orderedAmount: '600.00',
      remainingAmount: '400.00',
    });
    await order(customerId, id, '1').expect(201); // 900.00 in all
    // Growing an order past the amount is refused too.
    expect(
      (
        await api.http
          .put(`/api/v1/orders/${first.body.id}/lines`)
          .set('Authorization', rep.auth)
          .send({ lines: [{ productId: item, quantity: '3' }] })
          .expect(422)
      ).body.code,
    ).toBe('ORDER.EXCEEDS_CONTRACT_AMOUNT');

    const framework = await contract(customerId, { amount: '1000.00', type: 'framework' });
    await order(customerId, framework.id, '3').expect(201);
    await order(customerId, framework.id, '3').expect(201);

    await recordPayment(api, finance, first.body.id, '250.00').expect(201);
    const collection = await api.http.get(`/api/v1/contracts/${id}/collection`).set('Authorization', rep.auth).expect(200);
    // 250.00 / 1000.00 = 0.25; ordered 600 + 300.
    expect(collection.body).toEqual({
      contractId: id,
      amount: '1000.00',
      currency: 'CNY',
      orderCount: 2,
      ordered: '900.00',
      collected: '250.00',
      collectionRatio: '0.2500',
    });
    await api.http.get(`/api/v1/contracts/${id}/collection`).set('Authorization', otherRep.auth).expect(404);
  });

  it('an order names only an approved or executing contract of its own customer, within scope', async () => {
    const customerId = await heldCustomer(api, rep);
    const otherCustomer = await heldCustomer(api, rep);
    const draft = (await createContract(api, rep, contractBody(customerId)).expect(201)).body.id as string;
    expect((await order(customerId, draft, '1').expect(422)).body).toMatchObject({ code: 'ORDER.CONTRACT_NOT_IN_FORCE', contractStatus: 'draft' });
    const approved = await contract(customerId, {}, false);
    await order(customerId, approved.id, '1').expect(201);
    expect((await order(otherCustomer, approved.id, '1').expect(422)).body.code).toBe('ORDER.CONTRACT_OF_ANOTHER_CUSTOMER');
    const othersCustomer = await heldCustomer(api, otherRep);
    const notMine = await createOrder(api, otherRep, {
      customerId: othersCustomer,
      contractId: approved.id,
      priceListId: list,
      lines: [{ productId: item, quantity: '1' }],
    }).expect(404);
    expect(notMine.body.code).toBe('ORDER.CONTRACT_NOT_FOUND');
  });

  it('tells service which contracts are in force for a customer', async () => {
    const customerId = await heldCustomer(api, rep);
    const executing = await contract(customerId, { startDate: '2026-01-01', endDate: '2026-12-31', productIds: [item] });
    await contract(customerId, { startDate: '2026-01-01', endDate: '2026-12-31' }, false);
    const entitlements = await api.app.get(QueryBus).execute(new GetServiceEntitlementsQuery(customerId, new Date('2026-06-01T08:00:00Z')));
    expect(entitlements.contractsInForce).toEqual([
      { contractId: executing.id, number: executing.number, startDate: '2026-01-01', endDate: '2026-12-31', productIds: [item] },
    ]);
    expect((await api.app.get(QueryBus).execute(new GetServiceEntitlementsQuery(customerId, new Date('2027-01-01T08:00:00Z')))).contractsInForce).toEqual([]);

    // In force by the day in the company time zone (CRM_TIMEZONE): 16:30Z on 31 December is already 1 January in Shanghai.
    const inForce = async (app: TestApp, at: string) =>
      ((await app.app.get(QueryBus).execute(new GetServiceEntitlementsQuery(customerId, new Date(at)))).contractsInForce as { contractId: string }[]).map(
        (row) => row.contractId,
      );
    expect(await inForce(api, '2025-12-31T16:30:00Z')).toEqual([executing.id]);
    expect(await inForce(api, '2026-12-31T16:30:00Z')).toEqual([]);
    const utc = await TestApp.start({ sharedWith: api, config: { timeZone: 'UTC' } });
    try {
      expect(await inForce(utc, '2025-12-31T16:30:00Z')).toEqual([]);
      expect(await inForce(utc, '2026-12-31T16:30:00Z')).toEqual([executing.id]);
    } finally {
      await utc.close();
    }
  });
});

describeOnServer('Concurrent orders of one contract', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  it('six orders of 300.00 at once under a contract of 1000.00: three are taken, never more than the amount', async () => {
    const lineId = await productLine(api, admin);
    const item = await product(api, admin, lineId);
    const list = await pricedList(api, admin, [[item, '300.00']]);
    const customerId = await heldCustomer(api, rep);
    const created = await createContract(api, rep, contractBody(customerId, { amount: '1000.00' })).expect(201);
    const submitted = await act(api, rep, created.body.id, 'submissions').expect(200);
    await decide(api, admin, submitted.body.approvalRequestId, 'approve');
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        createOrder(api, rep, { customerId, contractId: created.body.id, priceListId: list, lines: [{ productId: item, quantity: '1' }] }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 201, 201, 422, 422, 422]);
    const [row] = await api.tx.query<{ sum: string }>(`SELECT sum(total)::text AS sum FROM contract.orders WHERE contract_id = $1`, [created.body.id]);
    expect(row!.sum).toBe('900.00');
  });
});
