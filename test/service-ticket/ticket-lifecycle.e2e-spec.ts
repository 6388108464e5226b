import { TestApp, type TestUser } from '../support/test-app.js';
import { changeStatus, customer, eventsOf, fileTicket, getTicket, serviceTeam, ticketType } from './ticket-fixtures.js';

/**
 * Tickets [工单] from filing to closing: the type tree, the status machine (illegal moves are 409
 * with the current status), reopening within the window, the status history SLA clocks are
 * replayed from, an event per change carrying the customer, and who may see a ticket.
 */
describe('Tickets: types, status machine, history and data scope', () => {
  let api: TestApp;
  let admin: TestUser;
  let teamA: Awaited<ReturnType<typeof serviceTeam>>;
  let teamB: Awaited<ReturnType<typeof serviceTeam>>;
  let customerId: string;
  let repair: { id: string; path: string[] };
  let screen: { id: string; path: string[] };

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    teamA = await serviceTeam(api, 2);
    teamB = await serviceTeam(api, 1);
    customerId = await customer(api, admin, { province: '浙江' });
    repair = await ticketType(api, admin, { name: '报修', reopenWindowDays: 7 });
    screen = await ticketType(api, admin, { name: '屏幕故障', parentId: repair.id });
  });
  afterAll(() => api.close());

  it('keeps ticket types as a tree of at most four levels, names unique per level', async () => {
    expect(screen.path).toEqual([repair.id, screen.id]);
    const third = await ticketType(api, admin, { name: '花屏', parentId: screen.id });
    const fourth = await ticketType(api, admin, { name: '偶发', parentId: third.id });
    const tooDeep = await api.http
      .post('/api/v1/ticket-types')
      .set('Authorization', admin.auth)
      .send({ name: '第五级', parentId: fourth.id, eligibilityPolicy: 'not-checked', reopenWindowDays: 1 });
    expect(tooDeep.status).toBe(422);
    expect(tooDeep.body.code).toBe('TICKET_TYPE.TOO_DEEP');
    const duplicate = await api.http
      .post('/api/v1/ticket-types')
      .set('Authorization', admin.auth)
      .send({ name: '屏幕故障', parentId: repair.id, eligibilityPolicy: 'refuse', reopenWindowDays: 1 });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('TICKET_TYPE.DUPLICATE');
    const agent = teamA.agents[0]!;
    await api.http
      .post('/api/v1/ticket-types')
      .set('Authorization', agent.auth)
      .send({ name: 'x', eligibilityPolicy: 'refuse', reopenWindowDays: 1 })
      .expect(403);
    const { body } = await api.http.get('/api/v1/ticket-types').set('Authorization', agent.auth).expect(200);
    expect(body.items.find((type: { id: string }) => type.id === fourth.id)).toMatchObject({ depth: 4, path: [repair.id, screen.id, third.id, fourth.id] });
  });

  it('walks a ticket through the status machine, records every change with who and when, and raises an event for each', async () => {
    const [agent] = teamA.agents as [TestUser];
    const filed = await fileTicket(api, agent, { customerId, typeId: screen.id, priority: 'high' }).expect(201);
    expect(filed.body).toMatchObject({ status: 'new', typePath: [repair.id, screen.id], region: '浙江', channel: 'phone', priority: 'high', tier: 1 });
    expect(filed.body.number).toMatch(/^GD\d{8}\d{6}$/);
    expect(filed.headers.etag).toBe('"1"');
    const id = filed.body.id as string;

    // new → resolved is not a move the machine knows.
    const illegal = await changeStatus(api, agent, id, { to: 'resolved', resolution: '已修复' }).expect(409);
    expect(illegal.body).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', currentStatus: 'new', to: 'resolved' });

    await api.http.post(`/api/v1/tickets/${id}/assignments`).set('Authorization', admin.auth).send({ handlerId: agent.id }).expect(200);
    const assigned = await getTicket(api, agent, id).expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', handlerId: agent.id, teamId: teamA.teamId });

    // The handler's first public reply is the first response and starts the work.
    const reply = await api.http
      .post(`/api/v1/tickets/${id}/records`)
      .set('Authorization', agent.auth)
      .send({ kind: 'public-reply', body: '您好，我们已收到。' })
      .expect(201);
    expect(reply.body.status).toBe('in-progress');
    await api.http.post(`/api/v1/tickets/${id}/records`).set('Authorization', agent.auth).send({ kind: 'internal-note', body: '疑似电源板故障' }).expect(201);
    await changeStatus(api, agent, id, { to: 'waiting-on-customer' }).expect(200);
    await changeStatus(api, agent, id, { to: 'in-progress' }).expect(200);
    const noResolution = await changeStatus(api, agent, id, { to: 'resolved' }).expect(400);
    expect(noResolution.body.code).toBe('TICKET.RESOLUTION_REQUIRED');
    const stale = await api.http
      .post(`/api/v1/tickets/${id}/status-changes`)
      .set('Authorization', agent.auth)
      .set('If-Match', '"1"')
      .send({ to: 'resolved', resolution: '更换电源板' });
    expect(stale.status).toBe(412);
    await changeStatus(api, agent, id, { to: 'resolved', resolution: '更换电源板' }).expect(200);
    // Reopened within the window, resolved again, then closed.
    await changeStatus(api, agent, id, { to: 'in-progress', reason: '客户反馈仍有问题' }).expect(200);
    await changeStatus(api, agent, id, { to: 'resolved', resolution: '更换主板' }).expect(200);
    const closed = await changeStatus(api, agent, id, { to: 'closed' }).expect(200);
    expect(closed.body.status).toBe('closed');
    const afterClose = await changeStatus(api, agent, id, { to: 'in-progress' }).expect(409);
    expect(afterClose.body).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', currentStatus: 'closed' });
    const noteOnClosed = await api.http
      .post(`/api/v1/tickets/${id}/records`)
      .set('Authorization', agent.auth)
      .send({ kind: 'internal-note', body: 'x' })
      .expect(409);
    expect(noteOnClosed.body.currentStatus).toBe('closed');

    const path = ['new', 'assigned', 'in-progress', 'waiting-on-customer', 'in-progress', 'resolved', 'in-progress', 'resolved', 'closed'];
    const history = await api.http.get(`/api/v1/tickets/${id}/status-history`).set('Authorization', agent.auth).expect(200);
    expect(history.body.items.map((row: { to: string }) => row.to)).toEqual(path);
    expect(history.body.items.map((row: { from: string | null }) => row.from)).toEqual([null, ...path.slice(0, -1)]);
    expect(history.body.items[1].by).toEqual({ kind: 'user', id: admin.id });
    expect(history.body.items[2].by).toEqual({ kind: 'user', id: agent.id });
    expect(history.body.items[6].reason).toBe('客户反馈仍有问题');
    const times = history.body.items.map((row: { at: string }) => Date.parse(row.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const changes = await eventsOf(api, id, 'ticket.status-changed.v1');
    expect(changes.map((event) => [event.payload.from, event.payload.to])).toEqual(path.slice(1).map((to, index) => [path[index], to]));
    expect(changes.every((event) => event.customer_id === customerId)).toBe(true);
    expect(changes.map((event) => event.payload.at)).toEqual(history.body.items.slice(1).map((row: { at: string }) => row.at));
    expect(await eventsOf(api, id, 'ticket.first-responded.v1')).toHaveLength(1);
    expect(await eventsOf(api, id, 'ticket.resolved.v1')).toHaveLength(2);
    expect(await eventsOf(api, id, 'ticket.reopened.v1')).toHaveLength(1);
    expect((await eventsOf(api, id, 'ticket.closed.v1'))[0]!.customer_id).toBe(customerId);
    const [created] = await eventsOf(api, id, 'ticket.created.v1');
    expect(created!.payload).toMatchObject({ ticketId: id, customerId, typeId: screen.id, status: 'new', createdVia: 'staff', eligible: null });

    const final = await getTicket(api, agent, id).expect(200);
    expect(final.body).toMatchObject({ status: 'closed', resolution: '更换主板' });
    expect(final.body.firstRespondedAt).toBe(history.body.items[2].at);
  });

  it('dates the ticket number in the company time zone (CRM_TIMEZONE)', async () => {
    // UTC+14 and UTC−11, neither with daylight saving: 25 hours apart, so never on the same date.
    const east = await TestApp.start({ sharedWith: api, config: { timeZone: 'Pacific/Kiritimati' } });
    const west = await TestApp.start({ sharedWith: api, config: { timeZone: 'Pacific/Pago_Pago' } });
    try {
      const [agent] = teamA.agents as [TestUser];
      const dateOfNumber = async (app: TestApp, offsetHours: number) => {
        const dayAt = (instant: number) => new Date(instant + offsetHours * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
        const before = Date.now();
        const number = (await fileTicket(app, agent, { customerId, typeId: screen.id }).expect(201)).body.number as string;
        // The date part is the filing day in the zone (either side of a midnight passing during the request).
        expect([dayAt(before), dayAt(Date.now())]).toContain(number.slice(2, 10));
        return number.slice(2, 10);
      };
      const [inEast, inWest] = [await dateOfNumber(east, 14), await dateOfNumber(west, -11)];
      expect(inEast > inWest).toBe(true);
      await dateOfNumber(api, 8); // Asia/Shanghai by default
    } finally {
      await west.close();
      await east.close();
    }
  });

  it('reopens only within the type’s window, and cancels only with a reason', async () => {
    const [agent] = teamA.agents as [TestUser];
    const sameDay = await ticketType(api, admin, { name: '咨询', reopenWindowDays: 0 });
    const { body } = await fileTicket(api, agent, { customerId, typeId: sameDay.id, handlerId: agent.id }).expect(403);
    expect(body.code).toBe('AUTH.FORBIDDEN');
    const filed = await fileTicket(api, admin, { customerId, typeId: sameDay.id, handlerId: agent.id }).expect(201);
    expect(filed.body).toMatchObject({ status: 'assigned', handlerId: agent.id, teamId: teamA.teamId });
    const id = filed.body.id as string;
    await changeStatus(api, agent, id, { to: 'in-progress' }).expect(200);
    await changeStatus(api, agent, id, { to: 'resolved', resolution: '已答复' }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const late = await changeStatus(api, agent, id, { to: 'in-progress' }).expect(422);
    expect(late.body).toMatchObject({ code: 'TICKET.REOPEN_WINDOW_PASSED', reopenWindowDays: 0 });

    const other = await fileTicket(api, agent, { customerId, typeId: sameDay.id }).expect(201);
    const noReason = await changeStatus(api, agent, other.body.id, { to: 'cancelled' }).expect(400);
    expect(noReason.body.code).toBe('TICKET.REASON_REQUIRED');
    await changeStatus(api, agent, other.body.id, { to: 'cancelled', reason: '客户重复提交' }).expect(200);
    const [cancelled] = await eventsOf(api, other.body.id, 'ticket.cancelled.v1');
    expect(cancelled!.payload.reason).toBe('客户重复提交');
  });

  it("shows agents their team's tickets and those they filed; another team's agent gets 404 by id, list and action", async () => {
    const [a1, a2] = teamA.agents as [TestUser, TestUser];
    const [b1] = teamB.agents as [TestUser];
    const filed = await fileTicket(api, admin, { customerId, typeId: repair.id, teamId: teamA.teamId, handlerId: a1.id }).expect(201);
    const id = filed.body.id as string;
    await getTicket(api, a2, id).expect(200); // same team
    await getTicket(api, teamA.lead, id).expect(200); // the team's lead supervises it
    const hidden = await getTicket(api, b1, id).expect(404);
    expect(hidden.body.code).toBe('TICKET.NOT_FOUND');
    await getTicket(api, teamB.lead, id).expect(404); // supervises another team
    await changeStatus(api, b1, id, { to: 'in-progress' }).expect(404);
    await api.http.get(`/api/v1/tickets/${id}/records`).set('Authorization', b1.auth).expect(404);
    await api.http.get(`/api/v1/tickets/${id}/status-history`).set('Authorization', b1.auth).expect(404);
    await api.http.post(`/api/v1/tickets/${id}/records`).set('Authorization', b1.auth).send({ kind: 'internal-note', body: '偷看' }).expect(404);

    const listOf = async (user: TestUser) =>
      ((await api.http.get('/api/v1/tickets?limit=200').set('Authorization', user.auth).expect(200)).body.items as { id: string }[]).map((item) => item.id);
    expect(await listOf(a2)).toContain(id);
    expect(await listOf(b1)).not.toContain(id);
    expect(await listOf(admin)).toContain(id);

    // A ticket b1 files stays visible to b1 even when it is handled by team A.
    const own = await fileTicket(api, b1, { customerId, typeId: repair.id }).expect(201);
    await api.http
      .post(`/api/v1/tickets/${own.body.id}/assignments`)
      .set('Authorization', admin.auth)
      .send({ teamId: teamA.teamId, handlerId: a1.id })
      .expect(200);
    await getTicket(api, b1, own.body.id).expect(200);
    expect(await listOf(b1)).toContain(own.body.id);

    // Filters and pagination.
    const page = await api.http.get(`/api/v1/tickets?limit=1&teamId=${teamA.teamId}`).set('Authorization', admin.auth).expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    await api.http.get('/api/v1/tickets?colour=red').set('Authorization', admin.auth).expect(400);
  });
});
