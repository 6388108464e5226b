import { TestApp, type TestUser } from '../support/test-app.js';
import { customer, eventsOf, fileTicket, getTicket, serviceTeam, ticketType } from './ticket-fixtures.js';

/**
 * Field work orders [现场工单]: scheduled on an open ticket for a technician at an address and in a
 * window, checked in, checked out with the result and parts, signed off by the customer, in that
 * order; the technician sees the ticket, nobody outside its reach sees the work order.
 */
describe('Tickets: field work orders', () => {
  let api: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let technician: TestUser;
  let stranger: TestUser;
  let ticketId: string;
  let customerId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    agent = (await serviceTeam(api, 1)).agents[0]!;
    technician = (await serviceTeam(api, 1)).agents[0]!;
    stranger = (await serviceTeam(api, 1)).agents[0]!;
    customerId = await customer(api, admin);
    const typeId = (await ticketType(api, admin, { name: '上门维修' })).id;
    ticketId = (await fileTicket(api, admin, { customerId, typeId, handlerId: agent.id }).expect(201)).body.id;
  });
  afterAll(() => api.close());

  const base = () => `/api/v1/tickets/${ticketId}/work-orders`;

  it('schedules, checks in, checks out with parts, and signs off, in that order, with an event each', async () => {
    await getTicket(api, technician, ticketId).expect(404); // not yet on the ticket
    const window = { appointmentStart: '2026-11-26T01:00:00.000Z', appointmentEnd: '2026-11-26T03:00:00.000Z' };
    const backwards = await api.http
      .post(base())
      .set('Authorization', agent.auth)
      .send({
        address: '杭州市西湖区文三路 90 号',
        appointmentStart: window.appointmentEnd,
        appointmentEnd: window.appointmentStart,
        technicianId: technician.id,
      })
      .expect(400);
    expect(backwards.body.code).toBe('WORK_ORDER.INVALID_APPOINTMENT');
    const scheduled = await api.http
      .post(base())
      .set('Authorization', agent.auth)
      .send({ address: '杭州市西湖区文三路 90 号', ...window, technicianId: technician.id, notes: '带电源板' })
      .expect(201);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', technicianId: technician.id, ...window, partsUsed: [], signedBy: null });
    const orderId = scheduled.body.id as string;

    // The technician now sees the ticket and its work orders.
    await getTicket(api, technician, ticketId).expect(200);
    const early = await api.http
      .post(`${base()}/${orderId}/check-outs`)
      .set('Authorization', technician.auth)
      .send({ result: '修好了', partsUsed: [] })
      .expect(409);
    expect(early.body).toMatchObject({ code: 'WORK_ORDER.ILLEGAL_TRANSITION', currentStatus: 'scheduled' });
    const checkedIn = await api.http.post(`${base()}/${orderId}/check-ins`).set('Authorization', technician.auth).expect(200);
    expect(checkedIn.body.status).toBe('checked-in');
    const checkedOut = await api.http
      .post(`${base()}/${orderId}/check-outs`)
      .set('Authorization', technician.auth)
      .send({
        result: '更换电源板，设备恢复正常。',
        partsUsed: [
          { name: '电源板', quantity: 1 },
          { name: '保险丝', quantity: 2 },
        ],
      })
      .expect(200);
    expect(checkedOut.body).toMatchObject({
      status: 'checked-out',
      result: '更换电源板，设备恢复正常。',
      partsUsed: [
        { name: '电源板', quantity: 1 },
        { name: '保险丝', quantity: 2 },
      ],
    });
    expect(Date.parse(checkedOut.body.checkedOutAt)).toBeGreaterThanOrEqual(Date.parse(checkedOut.body.checkedInAt));
    const signed = await api.http.post(`${base()}/${orderId}/sign-offs`).set('Authorization', technician.auth).send({ signedBy: '王经理' }).expect(200);
    expect(signed.body).toMatchObject({ status: 'signed-off', signedBy: '王经理' });
    await api.http.post(`${base()}/${orderId}/check-ins`).set('Authorization', technician.auth).expect(409);

    const types = ['ticket.work-order-scheduled.v1', 'ticket.work-order-checked-in.v1', 'ticket.work-order-checked-out.v1', 'ticket.work-order-signed-off.v1'];
    for (const type of types) {
      const [event] = await eventsOf(api, ticketId, type);
      expect([type, event?.payload.workOrderId, event?.customer_id]).toEqual([type, orderId, customerId]);
    }
    const list = await api.http.get(base()).set('Authorization', agent.auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([orderId]);
  });

  it('keeps work orders within the ticket’s reach, and only on open tickets', async () => {
    await api.http.get(base()).set('Authorization', stranger.auth).expect(404);
    const { body } = await api.http.get(base()).set('Authorization', agent.auth).expect(200);
    await api.http.get(`${base()}/${body.items[0].id}`).set('Authorization', stranger.auth).expect(404);
    await api.http.post(`${base()}/${body.items[0].id}/check-ins`).set('Authorization', stranger.auth).expect(404);
    const missing = await api.http.get(`${base()}/00000000-0000-7000-8000-000000000000`).set('Authorization', agent.auth).expect(404);
    expect(missing.body.code).toBe('WORK_ORDER.NOT_FOUND');
    await api.http
      .post(`/api/v1/tickets/${ticketId}/status-changes`)
      .set('Authorization', agent.auth)
      .send({ to: 'cancelled', reason: '客户取消' })
      .expect(200);
    const closed = await api.http
      .post(base())
      .set('Authorization', agent.auth)
      .send({ address: 'x', appointmentStart: '2026-11-27T01:00:00.000Z', appointmentEnd: '2026-11-27T02:00:00.000Z', technicianId: technician.id })
      .expect(409);
    expect(closed.body.currentStatus).toBe('cancelled');
  });
});
