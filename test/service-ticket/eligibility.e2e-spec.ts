import { TestApp, type TestUser } from '../support/test-app.js';
import { approveOrder, createOrder, heldCustomer, pricedList, product, productLine, recordPayment } from '../order/order-fixtures.js';
import { changeStatus, eventsOf, fileTicket, getTicket, serviceTeam, ticketType } from './ticket-fixtures.js';

interface Check {
  check: string;
  passed: boolean;
  detail: string;
  reference: string | null;
}

/**
 * Should we serve this request [该不该服务]: at filing the Contract/Order context says what the
 * customer has (handed-off orders, warranty ends, contracts in force); the verdict is stored on the
 * ticket check by check; a type refuses (422 with the reasons) or accepts flagged, and a flagged
 * ticket is worked only after a supervisor's override with a reason.
 */
describe('Tickets: eligibility through the order API, refused and overridden with reasons', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let finance: TestUser;
  let team: Awaited<ReturnType<typeof serviceTeam>>;
  let agent: TestUser;
  let device: string;
  let cable: string;
  let servedCustomer: string;
  let orderNumber: string;
  let handedOffAt: string;
  let inWarranty: string;
  let flagged: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    finance = await api.user(['finance']);
    team = await serviceTeam(api, 1);
    agent = team.agents[0]!;
    const line = await productLine(api, admin);
    device = await product(api, admin, line, { warrantyMonths: 12 });
    cable = await product(api, admin, line);
    const list = await pricedList(api, admin, [
      [device, '300.00'],
      [cable, '50.00'],
    ]);
    servedCustomer = await heldCustomer(api, rep);
    const { body: order } = await createOrder(api, rep, {
      customerId: servedCustomer,
      priceListId: list,
      lines: [
        { productId: device, quantity: '1' },
        { productId: cable, quantity: '1' },
      ],
    }).expect(201);
    await approveOrder(api, rep, admin, order.id);
    await recordPayment(api, finance, order.id, '350.00').expect(201);
    const handedOff = await api.http.post(`/api/v1/orders/${order.id}/hand-off`).set('Authorization', rep.auth).expect(200);
    orderNumber = order.number;
    handedOffAt = handedOff.body.handedOffAt;
    inWarranty = (await ticketType(api, admin, { name: '保内维修', eligibilityPolicy: 'refuse' })).id;
    flagged = (await ticketType(api, admin, { name: '维修申请', eligibilityPolicy: 'accept-flagged' })).id;
  });
  afterAll(() => api.close());

  it('refuses a customer without a completed order, with the reasons', async () => {
    const newcomer = await heldCustomer(api, rep);
    const refused = await fileTicket(api, agent, { customerId: newcomer, typeId: inWarranty, productId: device }).expect(422);
    expect(refused.body.code).toBe('TICKET.NOT_ELIGIBLE');
    expect(refused.body.reasons).toEqual([
      { check: 'completed-order', detail: '客户没有已成交交付的订单。' },
      { check: 'warranty', detail: '该产品不在客户已交付的订单中。' },
      { check: 'contract', detail: '客户没有有效期内的合同。' },
    ]);
    const english = await fileTicket(api, agent, { customerId: newcomer, typeId: inWarranty }).set('Accept-Language', 'en').expect(422);
    expect(english.body.detail).toMatch(/not entitled to service/);
    const rows = await api.tx.query(`SELECT 1 FROM service_ticket.tickets WHERE customer_id = $1`, [newcomer]);
    expect(rows).toHaveLength(0);
  });

  it('serves a product under warranty and stores each check on the ticket', async () => {
    const { body } = await fileTicket(api, agent, { customerId: servedCustomer, typeId: inWarranty, productId: device }).expect(201);
    const warrantyEnd = new Date(handedOffAt);
    warrantyEnd.setUTCMonth(warrantyEnd.getUTCMonth() + 12);
    expect(body.eligibility).toMatchObject({ policy: 'refuse', eligible: true, override: null });
    expect(body.eligibility.checks).toEqual([
      { check: 'completed-order', passed: true, detail: `客户有已成交交付的订单（最近：${orderNumber}）。`, reference: orderNumber },
      { check: 'warranty', passed: true, detail: `在保修期内，保修至 ${warrantyEnd.toISOString()}（订单 ${orderNumber}）。`, reference: orderNumber },
      { check: 'contract', passed: false, detail: '客户没有有效期内的合同。', reference: null },
    ]);
    const [created] = await eventsOf(api, body.id, 'ticket.created.v1');
    expect(created!.payload.eligible).toBe(true);
  });

  it('refuses a product without warranty or contract cover', async () => {
    const refused = await fileTicket(api, agent, { customerId: servedCustomer, typeId: inWarranty, productId: cable }).expect(422);
    expect(refused.body.reasons).toEqual([
      { check: 'warranty', detail: '该产品没有保修期。' },
      { check: 'contract', detail: '客户没有有效期内的合同。' },
    ]);
  });

  it('accepts flagged, holds the work until a supervisor overrides with a reason, and audits the override', async () => {
    const { body } = await fileTicket(api, agent, { customerId: servedCustomer, typeId: flagged, productId: cable }).expect(201);
    const id = body.id as string;
    expect(body.eligibility).toMatchObject({ policy: 'accept-flagged', eligible: false, override: null });
    expect((body.eligibility.checks as Check[]).filter((check) => !check.passed).map((check) => check.check)).toEqual(['warranty', 'contract']);

    await api.http.post(`/api/v1/tickets/${id}/grabs`).set('Authorization', agent.auth).expect(403); // not queued for the agent's team
    await api.http.post(`/api/v1/tickets/${id}/assignments`).set('Authorization', admin.auth).send({ handlerId: agent.id }).expect(200);
    const held = await changeStatus(api, agent, id, { to: 'in-progress' }).expect(422);
    expect(held.body.code).toBe('TICKET.ELIGIBILITY_OVERRIDE_REQUIRED');

    // Only a supervisor overrides; an agent lacks the permission.
    await api.http.post(`/api/v1/tickets/${id}/eligibility-override`).set('Authorization', agent.auth).send({ reason: '我觉得可以' }).expect(403);
    const noReason = await api.http.post(`/api/v1/tickets/${id}/eligibility-override`).set('Authorization', team.lead.auth).send({}).expect(400);
    expect(noReason.body.code).toBe('REQUEST.VALIDATION_FAILED');
    const outsider = await serviceTeam(api, 0);
    await api.http.post(`/api/v1/tickets/${id}/eligibility-override`).set('Authorization', outsider.lead.auth).send({ reason: '越权' }).expect(404);
    await api.http
      .post(`/api/v1/tickets/${id}/eligibility-override`)
      .set('Authorization', team.lead.auth)
      .send({ reason: '战略客户，特批保外维修' })
      .expect(200);
    const again = await api.http.post(`/api/v1/tickets/${id}/eligibility-override`).set('Authorization', team.lead.auth).send({ reason: '再批' }).expect(409);
    expect(again.body.code).toBe('TICKET.NOTHING_TO_OVERRIDE');

    const ticket = await getTicket(api, agent, id).expect(200);
    expect(ticket.body.eligibility.eligible).toBe(false);
    expect(ticket.body.eligibility.override).toEqual({ by: team.lead.id, at: expect.any(String), reason: '战略客户，特批保外维修' });
    const [audit] = await eventsOf(api, id, 'ticket.eligibility-overridden.v1');
    expect(audit!.payload).toMatchObject({ by: team.lead.id, reason: '战略客户，特批保外维修', failedChecks: ['warranty', 'contract'] });
    expect(audit!.customer_id).toBe(servedCustomer);
    await changeStatus(api, agent, id, { to: 'in-progress' }).expect(200);
  });
});
