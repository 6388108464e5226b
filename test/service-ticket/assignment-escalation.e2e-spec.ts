import { CommandBus } from '@nestjs/cqrs';
import { EscalateTicketCommand } from '@crm/contracts/service-ticket';
import { TestApp, type TestUser } from '../support/test-app.js';
import { describeOnServer } from '../support/test-database.js';
import { customer, eventsOf, fileTicket, getTicket, serviceTeam, ticketType } from './ticket-fixtures.js';

type Team = Awaited<ReturnType<typeof serviceTeam>>;

/**
 * Who handles a ticket [分派]: ordered rules route it to a team, least-busy or round-robin picks an
 * agent with room under their capacity, the rest wait in the team queue to be grabbed [抢单] (one
 * grab wins); transfers [转派] carry a reason; escalations [升级] go to the manager, by hand or on
 * an SLA warning (once per warning).
 */
describeOnServer('Tickets: automatic assignment with capacity, grabs, transfers and escalations', () => {
  let api: TestApp;
  let admin: TestUser;
  let zhejiang: Team;
  let wechat: Team;
  let fallback: Team;
  let repair: string;
  let enquiry: string;
  let zjCustomer: string;
  let otherCustomer: string;

  const setCapacity = (user: TestUser, capacity: number | null) =>
    api.http.put(`/api/v1/ticket-agents/${user.id}/capacity`).set('Authorization', admin.auth).send({ capacity }).expect(200);

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    zhejiang = await serviceTeam(api, 2);
    wechat = await serviceTeam(api, 3);
    fallback = await serviceTeam(api, 2);
    repair = (await ticketType(api, admin, { name: '报修' })).id;
    enquiry = (await ticketType(api, admin, { name: '咨询' })).id;
    // Team leads supervise: a capacity of 0 keeps routed tickets off their desks.
    for (const team of [zhejiang, wechat, fallback]) await setCapacity(team.lead, 0);
    zjCustomer = await customer(api, admin, { province: '浙江' });
    otherCustomer = await customer(api, admin, { province: '广东' });
    await api.http
      .put('/api/v1/ticket-assignment-rules')
      .set('Authorization', admin.auth)
      .send({
        rules: [
          { name: '浙江报修', conditions: { regions: ['浙江'], typeIds: [repair] }, teamId: zhejiang.teamId, strategy: 'least-busy' },
          { name: '微信渠道', conditions: { channels: ['wechat'] }, teamId: wechat.teamId, strategy: 'round-robin' },
          { name: '其余', conditions: {}, teamId: fallback.teamId, strategy: 'queue' },
        ],
      })
      .expect(200);
  });
  afterAll(() => api.close());

  it('routes by the first matching rule, and least-busy fills agents only up to their capacity', async () => {
    const [a, b] = zhejiang.agents as [TestUser, TestUser];
    await setCapacity(a, 1);
    await setCapacity(b, 2);
    const handlers: (string | null)[] = [];
    for (let index = 0; index < 4; index++) {
      const { body } = await fileTicket(api, admin, { customerId: zjCustomer, typeId: repair, channel: 'wechat' }).expect(201);
      expect(body.teamId).toBe(zhejiang.teamId); // the Zhejiang rule comes before the WeChat one
      handlers.push(body.handlerId);
    }
    // Capacity 1 + 2: three tickets find an agent, the fourth waits in the team queue.
    expect(handlers.filter((id) => id === a.id)).toHaveLength(1);
    expect(handlers.filter((id) => id === b.id)).toHaveLength(2);
    expect(handlers[3]).toBeNull();
    const queue = await api.http.get(`/api/v1/tickets?teamId=${zhejiang.teamId}&unassigned=true`).set('Authorization', a.auth).expect(200);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0].status).toBe('new');
    const loads = await api.http.get(`/api/v1/ticket-agents?teamId=${zhejiang.teamId}`).set('Authorization', admin.auth).expect(200);
    expect(
      Object.fromEntries(loads.body.items.map((load: { userId: string; open: number; capacity: number }) => [load.userId, [load.open, load.capacity]])),
    ).toEqual({
      [a.id]: [1, 1],
      [b.id]: [2, 2],
      [zhejiang.lead.id]: [0, 0],
    });
    // The queued ticket cannot be grabbed by an agent at capacity.
    const full = await api.http.post(`/api/v1/tickets/${queue.body.items[0].id}/grabs`).set('Authorization', a.auth).expect(422);
    expect(full.body).toMatchObject({ code: 'TICKET.CAPACITY_REACHED', capacity: 1 });
    const [assigned] = await eventsOf(api, queue.body.items[0].id, 'ticket.assigned.v1');
    expect(assigned!.payload).toMatchObject({ how: 'rule', teamId: zhejiang.teamId, handlerId: null });
  });

  it('never pushes an agent past capacity when tickets are filed at the same moment', async () => {
    const rush = await serviceTeam(api, 2);
    await setCapacity(rush.lead, 0);
    for (const agent of rush.agents) await setCapacity(agent, 1);
    const recall = (await ticketType(api, admin, { name: '召回' })).id;
    const { body: current } = await api.http.get('/api/v1/ticket-assignment-rules').set('Authorization', admin.auth).expect(200);
    const rules = current.items.map(({ id: _id, ...rule }: { id: string }) => rule);
    await api.http
      .put('/api/v1/ticket-assignment-rules')
      .set('Authorization', admin.auth)
      .send({ rules: [{ name: '召回', conditions: { typeIds: [recall] }, teamId: rush.teamId, strategy: 'least-busy' }, ...rules] })
      .expect(200);
    const filed = await Promise.all(Array.from({ length: 6 }, () => fileTicket(api, admin, { customerId: otherCustomer, typeId: recall })));
    expect(filed.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const handlers = filed.map((answer) => answer.body.handlerId as string | null);
    expect(handlers.filter((id) => id !== null).sort()).toEqual(rush.agents.map((agent) => agent.id).sort());
    expect(filed.every((answer) => answer.body.teamId === rush.teamId)).toBe(true);
  });

  it('hands tickets out in turn with round-robin', async () => {
    const sorted = [...wechat.agents].map((agent) => agent.id).sort();
    const handlers: string[] = [];
    for (let index = 0; index < 4; index++) {
      const { body } = await fileTicket(api, admin, { customerId: otherCustomer, typeId: enquiry, channel: 'wechat' }).expect(201);
      expect(body).toMatchObject({ teamId: wechat.teamId, status: 'assigned' });
      handlers.push(body.handlerId);
    }
    expect(handlers).toEqual([sorted[0], sorted[1], sorted[2], sorted[0]]);
  });

  it('lets exactly one of several agents grab a queued ticket at once', async () => {
    const { body } = await fileTicket(api, admin, { customerId: otherCustomer, typeId: enquiry, channel: 'phone' }).expect(201);
    expect(body).toMatchObject({ teamId: fallback.teamId, handlerId: null, status: 'new' });
    const grabbers = [...fallback.agents, ...fallback.agents, ...fallback.agents];
    const answers = await Promise.all(grabbers.map((user) => api.http.post(`/api/v1/tickets/${body.id}/grabs`).set('Authorization', user.auth)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    expect(answers.filter((answer) => answer.status === 409).every((answer) => answer.body.code === 'TICKET.ALREADY_TAKEN')).toBe(true);
    const winner = answers.find((answer) => answer.status === 200)!.body.handlerId as string;
    const ticket = await getTicket(api, admin, body.id).expect(200);
    expect(ticket.body).toMatchObject({ status: 'assigned', handlerId: winner });
    expect((await eventsOf(api, body.id, 'ticket.assigned.v1')).filter((event) => event.payload.how === 'grab')).toHaveLength(1);
    // Someone outside the team cannot grab from its queue.
    const other = await fileTicket(api, admin, { customerId: otherCustomer, typeId: enquiry, channel: 'phone' }).expect(201);
    await api.http.post(`/api/v1/tickets/${other.body.id}/grabs`).set('Authorization', zhejiang.agents[0]!.auth).expect(404);
    const notInTeam = await api.http.post(`/api/v1/tickets/${other.body.id}/grabs`).set('Authorization', admin.auth).expect(403);
    expect(notInTeam.body.code).toBe('TICKET.NOT_IN_TEAM');
  });

  it('transfers to another agent or team with a reason', async () => {
    const [a1] = fallback.agents as [TestUser];
    const filed = await fileTicket(api, admin, { customerId: otherCustomer, typeId: enquiry, channel: 'phone', handlerId: a1.id }).expect(201);
    const id = filed.body.id as string;
    const noReason = await api.http.post(`/api/v1/tickets/${id}/transfers`).set('Authorization', a1.auth).send({ teamId: wechat.teamId }).expect(400);
    expect(noReason.body.code).toBe('REQUEST.VALIDATION_FAILED');
    const moved = await api.http
      .post(`/api/v1/tickets/${id}/transfers`)
      .set('Authorization', a1.auth)
      .send({ teamId: wechat.teamId, reason: '属于微信渠道' })
      .expect(200);
    expect(moved.body.teamId).toBe(wechat.teamId);
    expect(wechat.agents.map((agent) => agent.id)).toContain(moved.body.handlerId);
    // a1 filed nothing and is in another team now: the ticket is out of reach.
    await getTicket(api, a1, id).expect(404);
    const [transferred] = await eventsOf(api, id, 'ticket.transferred.v1');
    expect(transferred!.payload).toMatchObject({
      fromTeamId: fallback.teamId,
      toTeamId: wechat.teamId,
      fromHandlerId: a1.id,
      reason: '属于微信渠道',
      by: a1.id,
    });
    expect(transferred!.customer_id).toBe(otherCustomer);
  });

  it("escalates to the handler's manager by hand, and once per SLA warning however often it is sent", async () => {
    const [agent] = zhejiang.agents as [TestUser];
    await setCapacity(agent, null);
    const filed = await fileTicket(api, admin, { customerId: zjCustomer, typeId: enquiry, channel: 'phone', handlerId: agent.id }).expect(201);
    const id = filed.body.id as string;
    const escalated = await api.http.post(`/api/v1/tickets/${id}/escalations`).set('Authorization', agent.auth).send({ reason: '客户投诉升级' }).expect(200);
    expect(escalated.body).toMatchObject({ tier: 2, handlerId: zhejiang.lead.id, escalated: true });
    const [event] = await eventsOf(api, id, 'ticket.escalated.v1');
    expect(event!.payload).toMatchObject({ tier: 2, fromHandlerId: agent.id, toHandlerId: zhejiang.lead.id, trigger: 'manual', reason: '客户投诉升级' });

    // The SLA side escalates on a warning; the same warning delivered twice escalates once.
    const director = await api.user(['line-head'], { departmentId: zhejiang.departmentId });
    const warning = new EscalateTicketCommand({
      ticketId: id,
      reason: '首次响应即将超时',
      trigger: 'sla-warning',
      toUserId: director.id,
      dedupeKey: `sla-warning:${id}:first-response`,
    });
    const commands = api.app.get(CommandBus);
    const first = await commands.execute(warning);
    const again = await commands.execute(warning);
    expect(first).toMatchObject({ escalated: true, tier: 3, handlerId: director.id });
    expect(again).toMatchObject({ escalated: false, tier: 3, handlerId: director.id });
    // A ticket still waiting in a team queue escalates to the team's lead.
    const queued = await fileTicket(api, admin, { customerId: otherCustomer, typeId: enquiry, channel: 'phone' }).expect(201);
    expect(queued.body).toMatchObject({ teamId: fallback.teamId, handlerId: null });
    const breach = await commands.execute(new EscalateTicketCommand({ ticketId: queued.body.id, reason: '首次响应超时', trigger: 'sla-breach' }));
    expect(breach).toMatchObject({ escalated: true, tier: 2, handlerId: fallback.lead.id });
    expect((await getTicket(api, admin, queued.body.id).expect(200)).body.status).toBe('assigned');

    const all = await eventsOf(api, id, 'ticket.escalated.v1');
    expect(all.map((row) => row.payload.trigger)).toEqual(['manual', 'sla-warning']);
    expect(all[1]!.payload.by).toBeNull();
  });
});
