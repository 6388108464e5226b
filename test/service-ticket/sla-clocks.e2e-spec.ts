import { ScanSlaClocksJob } from '../../libs/service-ticket/src/application/jobs/scan-sla-clocks.job.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { changeStatus, customer, eventsOf, fileTicket, serviceTeam, ticketType } from './ticket-fixtures.js';

/**
 * SLA clocks [SLA计时] (TICK-5): deadlines computed from each ticket's history on its team's
 * business calendar (a holiday, make-up working days [调休], waiting on the customer over a night
 * and a holiday), recomputed when a policy changes, and a breach scan that two workers run at once
 * raising each warning and breach once, escalating on the warning; `?sla=at-risk|breached`.
 *
 * The tickets are filed and moved through the API; their history is then dated back to the
 * 2025 National Day holiday (the instants below) with SQL, as if it had been recorded then, and
 * the policies are created afterwards so the clocks are computed from that history.
 */
describe('SLA clocks on business calendars (TICK-5)', () => {
  let api: TestApp;
  let worker: TestApp;
  let admin: TestUser;
  let team: Awaited<ReturnType<typeof serviceTeam>>;
  let other: Awaited<ReturnType<typeof serviceTeam>>;
  let customerId: string;
  let typeId: string;
  let detailed: string;
  const overdue: string[] = [];
  let atRisk: string;
  let resolutionPolicy: { id: string; etag: string };

  const clocksOf = async (ticketId: string, user: TestUser = admin) => {
    const { body } = await api.http.get(`/api/v1/tickets/${ticketId}/sla-clocks`).set('Authorization', user.auth).expect(200);
    return Object.fromEntries(body.items.map((clock: { metric: string }) => [clock.metric, clock])) as Record<string, Record<string, unknown>>;
  };

  /** Dates a ticket's history back: created at the first instant, its status changes (in order) at the next ones. */
  const dateBack = async (ticketId: string, statusTimes: string[], firstResponseAt: string | null) => {
    await api.tx.query(`UPDATE service_ticket.tickets SET created_at = $2, first_responded_at = $3 WHERE id = $1`, [ticketId, statusTimes[0], firstResponseAt]);
    await api.tx.query(`UPDATE service_ticket.records SET created_at = $2 WHERE ticket_id = $1`, [ticketId, firstResponseAt ?? statusTimes[0]]);
    await api.tx.query(
      `UPDATE service_ticket.status_history h SET at = ($2::timestamptz[])[o.n]
         FROM (SELECT id, row_number() OVER (ORDER BY at, id) AS n FROM service_ticket.status_history WHERE ticket_id = $1) o
        WHERE h.id = o.id`,
      [ticketId, statusTimes],
    );
  };

  const savePolicy = async (body: Record<string, unknown>, existing?: { id: string; etag: string }) => {
    const request = existing ? api.http.put(`/api/v1/sla-policies/${existing.id}`).set('If-Match', existing.etag) : api.http.post('/api/v1/sla-policies');
    const response = await request.set('Authorization', admin.auth).send(body);
    expect(response.status).toBe(existing ? 200 : 201);
    await api.settleEvents();
    return { id: response.body.id as string, etag: response.headers.etag as string };
  };

  beforeAll(async () => {
    api = await TestApp.start();
    worker = await TestApp.start({ sharedWith: api });
    admin = await api.user(['admin']);
    team = await serviceTeam(api, 1);
    other = await serviceTeam(api, 1);
    customerId = await customer(api, admin);
    typeId = (await ticketType(api, admin, { name: '报修' })).id;
    const agent = team.agents[0]!;

    // Asia/Shanghai, Monday–Friday 09:00–12:00 and 13:30–18:00; 1–8 October 2025 off, Sunday 28 September and Saturday 11 October worked.
    await api.http
      .post('/api/v1/business-calendars')
      .set('Authorization', admin.auth)
      .send({
        name: '华东服务中心',
        workingDays: [1, 2, 3, 4, 5],
        periods: [
          { start: '09:00', end: '12:00' },
          { start: '13:30', end: '18:00' },
        ],
        exceptions: [
          ...['01', '02', '03', '04', '05', '06', '07', '08'].map((day) => ({ date: `2025-10-${day}`, kind: 'holiday', name: '国庆节、中秋节' })),
          { date: '2025-09-28', kind: 'workday', name: '国庆调休' },
          { date: '2025-10-11', kind: 'workday', name: '国庆调休' },
        ],
        teamIds: [team.teamId],
      })
      .expect(201);

    // Filed Tuesday 30 September 16:00 (08:00Z), answered 16:30, waiting on the customer from 17:00 over the night
    // and the holiday until Thursday 9 October 10:00 (02:00Z).
    detailed = (await fileTicket(api, admin, { customerId, typeId, priority: 'high', handlerId: agent.id }).expect(201)).body.id;
    await api.http
      .post(`/api/v1/tickets/${detailed}/records`)
      .set('Authorization', agent.auth)
      .send({ kind: 'public-reply', body: '您好，已收到。' })
      .expect(201);
    await changeStatus(api, agent, detailed, { to: 'waiting-on-customer' }).expect(200);
    await changeStatus(api, agent, detailed, { to: 'in-progress' }).expect(200);
    await dateBack(
      detailed,
      ['2025-09-30T08:00:00Z', '2025-09-30T08:00:00Z', '2025-09-30T08:30:00Z', '2025-09-30T09:00:00Z', '2025-10-09T02:00:00Z'],
      '2025-09-30T08:30:00Z',
    );
    // Four more filed the same Tuesday 16:00 and never answered.
    for (let index = 0; index < 4; index++) {
      const id = (await fileTicket(api, admin, { customerId, typeId, priority: 'high', handlerId: agent.id }).expect(201)).body.id as string;
      await dateBack(id, ['2025-09-30T08:00:00Z', '2025-09-30T08:00:00Z'], null);
      overdue.push(id);
    }
    atRisk = (await fileTicket(api, admin, { customerId, typeId, priority: 'low', handlerId: agent.id }).expect(201)).body.id;
    await dateBack(atRisk, ['2025-09-30T08:00:00Z', '2025-09-30T08:00:00Z'], null);

    // Policies come after the history: creating each recomputes the open tickets.
    resolutionPolicy = await savePolicy({ name: '高优先级', priorities: ['high'], firstResponseMinutes: 60, resolutionMinutes: 960 });
    await savePolicy({ name: '高优先级首响', priorities: ['high'], firstResponseMinutes: 45, resolutionMinutes: 2000 });
    // A year of business minutes with a warning at 1 %: past its warning, far from its deadline.
    await savePolicy({ name: '低优先级', priorities: ['low'], firstResponseMinutes: 525600, resolutionMinutes: 525600, warningPercent: 1 });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('computes deadlines on the calendar: the holiday and the pause over the night are skipped, the make-up Saturday is worked, the earliest deadline wins', async () => {
    const clocks = await clocksOf(detailed);
    // First response: of 60 (高优先级) and 45 (高优先级首响) minutes the earliest, 16:45; warned at 36 minutes, 16:36; met at 16:30.
    expect(clocks['first-response']).toMatchObject({
      targetMinutes: 45,
      startedAt: '2025-09-30T08:00:00.000Z',
      warnAt: '2025-09-30T08:36:00.000Z',
      deadlineAt: '2025-09-30T08:45:00.000Z',
      achievedAt: '2025-09-30T08:30:00.000Z',
      state: 'met',
    });
    // Resolution, 960 minutes: 60 on Tuesday before the pause; the pause and 1–8 October count nothing; Thursday 9 October
    // from 10:00: 390 (450); Friday 10 October: 450 (900); Saturday 11 October (make-up day): 09:00 + 60 → 10:00.
    // Warning at 768: Friday 09:00 + 318 → 15:48.
    expect(clocks.resolution).toMatchObject({
      targetMinutes: 960,
      warnAt: '2025-10-10T07:48:00.000Z',
      deadlineAt: '2025-10-11T02:00:00.000Z',
      achievedAt: null,
      pausedSince: null,
      state: 'running',
    });
  });

  it('recomputes the deadlines when a policy changes', async () => {
    resolutionPolicy = await savePolicy({ name: '高优先级', priorities: ['high'], firstResponseMinutes: 60, resolutionMinutes: 480 }, resolutionPolicy);
    const clocks = await clocksOf(detailed);
    // 480: 60 on Tuesday, Thursday 10:00–18:00 390 (450), Friday 09:00 + 30 → 09:30. Warning at 384: Thursday 13:30 + 204 → 16:54.
    expect(clocks.resolution).toMatchObject({ targetMinutes: 480, warnAt: '2025-10-09T08:54:00.000Z', deadlineAt: '2025-10-10T01:30:00.000Z' });
    expect(clocks['first-response']).toMatchObject({ targetMinutes: 45, deadlineAt: '2025-09-30T08:45:00.000Z' });
  });

  it('two workers scanning at once raise each warning and breach once, escalate once on the warning, and a breach stays breached', async () => {
    const scans = await Promise.all([api.app.get(ScanSlaClocksJob).run(), worker.app.get(ScanSlaClocksJob).run()]);
    // Detailed ticket: resolution warned and breached (its first response was met in time). Each overdue one: both clocks
    // warned and breached. The low-priority one: both clocks warned only.
    const expected = { warnings: 1 + 4 * 2 + 2, breaches: 1 + 4 * 2 };
    expect({ warnings: scans[0].warnings + scans[1].warnings, breaches: scans[0].breaches + scans[1].breaches }).toEqual(expected);
    expect(await api.app.get(ScanSlaClocksJob).run()).toEqual({ warnings: 0, breaches: 0 });
    for (const id of [detailed, ...overdue]) {
      const breaches = await eventsOf(api, id, 'sla.breached.v1');
      expect(breaches.map((event) => event.payload.metric).sort()).toEqual(id === detailed ? ['resolution'] : ['first-response', 'resolution']);
      expect(breaches.every((event) => event.customer_id === customerId)).toBe(true);
    }
    expect((await eventsOf(api, atRisk, 'sla.warning.v1')).length).toBe(2);
    expect(await eventsOf(api, atRisk, 'sla.breached.v1')).toEqual([]);

    // Each warned ticket is escalated once, to the team lead, whatever the number of its warnings.
    await api.settleEvents();
    for (const id of [detailed, ...overdue, atRisk]) {
      const escalations = await eventsOf(api, id, 'ticket.escalated.v1');
      expect([id, escalations.map((event) => [event.payload.trigger, event.payload.toHandlerId])]).toEqual([id, [['sla-warning', team.lead.id]]]);
    }

    // A breach stays breached when the policy is relaxed: the deadline moves, the recorded breach does not.
    resolutionPolicy = await savePolicy({ name: '高优先级', priorities: ['high'], firstResponseMinutes: 60, resolutionMinutes: 500000 }, resolutionPolicy);
    const clocks = await clocksOf(detailed);
    expect(clocks.resolution).toMatchObject({ targetMinutes: 2000, state: 'breached' });
    expect(clocks.resolution!.breachedAt).not.toBeNull();
    expect(await api.app.get(ScanSlaClocksJob).run()).toEqual({ warnings: 0, breaches: 0 });
  });

  it('lists tickets at risk and breached for supervisors, within their reach', async () => {
    const breached = await api.http.get('/api/v1/tickets').query({ sla: 'breached' }).set('Authorization', team.lead.auth).expect(200);
    expect(breached.body.items.map((ticket: { id: string }) => ticket.id).sort()).toEqual([detailed, ...overdue].sort());
    const risky = await api.http.get('/api/v1/tickets').query({ sla: 'at-risk' }).set('Authorization', team.lead.auth).expect(200);
    expect(risky.body.items.map((ticket: { id: string }) => ticket.id)).toEqual([atRisk]);
    // Another team's lead sees none of them, nor their clocks.
    const elsewhere = await api.http.get('/api/v1/tickets').query({ sla: 'breached' }).set('Authorization', other.lead.auth).expect(200);
    expect(elsewhere.body.items).toEqual([]);
    await api.http.get(`/api/v1/tickets/${detailed}/sla-clocks`).set('Authorization', other.agents[0]!.auth).expect(404);
    await api.http.get('/api/v1/tickets').query({ sla: 'late' }).set('Authorization', team.lead.auth).expect(400);
  });

  it('resolving stops the clocks; a resolved ticket is no longer at risk', async () => {
    // Escalated on its warning, the ticket is now the team lead's.
    const lead = team.lead;
    await api.http.post(`/api/v1/tickets/${atRisk}/records`).set('Authorization', lead.auth).send({ kind: 'public-reply', body: '已处理' }).expect(201);
    const resolved = await changeStatus(api, lead, atRisk, { to: 'resolved', resolution: '已远程处理' });
    expect([resolved.status, resolved.body.code]).toEqual([200, undefined]);
    const clocks = await clocksOf(atRisk);
    expect(clocks.resolution).toMatchObject({ state: 'met', breachedAt: null });
    expect(typeof clocks.resolution!.warnedAt).toBe('string');
    const risky = await api.http.get('/api/v1/tickets').query({ sla: 'at-risk' }).set('Authorization', team.lead.auth).expect(200);
    expect(risky.body.items).toEqual([]);
  });
});
