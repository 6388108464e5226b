import { randomUUID } from 'node:crypto';
import { TestApp, type TestUser } from '../support/test-app.js';

/** Business calendars [工作日历] and SLA policies [SLA策略] as administrators configure them (TICK-5). */
describe('Business calendars and SLA policies (TICK-5)', () => {
  let api: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    agent = await api.user(['service-agent']);
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  const calendar = {
    name: '华东服务中心',
    workingDays: [1, 2, 3, 4, 5],
    periods: [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ],
    exceptions: [
      { date: '2025-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2025-10-11', kind: 'workday', name: '国庆调休' },
    ],
  };

  it('ships a default calendar; a new default replaces it; teams move between calendars', async () => {
    const initial = await api.http.get('/api/v1/business-calendars').set('Authorization', agent.auth).expect(200);
    expect(initial.body.items).toEqual([
      expect.objectContaining({ name: '默认工作日历', timeZone: 'Asia/Shanghai', workingDays: [1, 2, 3, 4, 5], isDefault: true, teamIds: [] }),
    ]);
    expect(initial.body.nextCursor).toBeNull();

    const teamA = randomUUID();
    const teamB = randomUUID();
    const created = await api.http
      .post('/api/v1/business-calendars')
      .set('Authorization', admin.auth)
      .send({ ...calendar, teamIds: [teamA, teamB], isDefault: true })
      .expect(201);
    expect(created.headers.location).toBe(`/api/v1/business-calendars/${created.body.id}`);
    expect(created.body).toMatchObject({ timeZone: 'Asia/Shanghai', isDefault: true, teamIds: [teamA, teamB].sort(), version: 1 });
    expect(created.body.exceptions).toEqual(calendar.exceptions);

    const night = await api.http
      .post('/api/v1/business-calendars')
      .set('Authorization', admin.auth)
      .send({ name: '夜班', timeZone: 'Asia/Shanghai', workingDays: [1, 2, 3, 4, 5, 6, 7], periods: [{ start: '18:00', end: '24:00' }], teamIds: [teamB] })
      .expect(201);
    const list = await api.http.get('/api/v1/business-calendars').set('Authorization', agent.auth).expect(200);
    const byName = Object.fromEntries(list.body.items.map((item: { name: string }) => [item.name, item]));
    expect(list.body.items[0].name).toBe('华东服务中心');
    expect(byName['默认工作日历']).toMatchObject({ isDefault: false });
    expect(byName['华东服务中心']).toMatchObject({ isDefault: true, teamIds: [teamA] });
    expect(byName['夜班']).toMatchObject({ isDefault: false, teamIds: [teamB] });

    // Replace with If-Match; a stale one is 412.
    const replaced = await api.http
      .put(`/api/v1/business-calendars/${night.body.id}`)
      .set('Authorization', admin.auth)
      .set('If-Match', night.headers.etag as string)
      .send({ name: '夜班', workingDays: [6, 7], periods: [{ start: '18:00', end: '24:00' }], teamIds: [] })
      .expect(200);
    expect(replaced.headers.etag).toBe('"2"');
    expect(replaced.body).toMatchObject({ workingDays: [6, 7], teamIds: [] });
    await api.http
      .put(`/api/v1/business-calendars/${night.body.id}`)
      .set('Authorization', admin.auth)
      .set('If-Match', '"1"')
      .send({ name: '夜班', workingDays: [6], periods: [{ start: '18:00', end: '24:00' }] })
      .expect(412);
  });

  it('refuses calendars that cannot work, and configuration by those without the right', async () => {
    const overlap = await api.http
      .post('/api/v1/business-calendars')
      .set('Authorization', admin.auth)
      .send({
        ...calendar,
        periods: [
          { start: '09:00', end: '13:00' },
          { start: '12:00', end: '18:00' },
        ],
      })
      .expect(400);
    expect(overlap.body.code).toBe('BUSINESS_CALENDAR.INVALID');
    const zone = await api.http
      .post('/api/v1/business-calendars')
      .set('Authorization', admin.auth)
      .send({ ...calendar, timeZone: 'Asia/Atlantis' })
      .expect(400);
    expect(zone.body.code).toBe('BUSINESS_CALENDAR.INVALID');
    await api.http
      .post('/api/v1/business-calendars')
      .set('Authorization', admin.auth)
      .send({ ...calendar, periods: [{ start: '9:00', end: '18:00' }] })
      .expect(400);
    await api.http.post('/api/v1/business-calendars').set('Authorization', agent.auth).send(calendar).expect(403);
    await api.http.get('/api/v1/business-calendars').set('Authorization', rep.auth).expect(403);
    await api.http.get(`/api/v1/business-calendars/${randomUUID()}`).set('Authorization', agent.auth).expect(404);
  });

  it('creates, lists and replaces SLA policies', async () => {
    const vip = await api.http
      .post('/api/v1/sla-policies')
      .set('Authorization', admin.auth)
      .send({ name: 'VIP 紧急', priorities: ['urgent'], customerGrades: ['A'], firstResponseMinutes: 30, resolutionMinutes: 240 })
      .expect(201);
    expect(vip.body).toMatchObject({ warningPercent: 80, active: true, ticketTypeIds: [], contractIds: [], version: 1 });
    const standard = await api.http
      .post('/api/v1/sla-policies')
      .set('Authorization', admin.auth)
      .send({ name: '标准', firstResponseMinutes: 120, resolutionMinutes: 960, warningPercent: 75 })
      .expect(201);

    const firstPage = await api.http.get('/api/v1/sla-policies').query({ limit: 1 }).set('Authorization', agent.auth).expect(200);
    expect(firstPage.body.items.map((item: { id: string }) => item.id)).toEqual([vip.body.id]);
    const secondPage = await api.http
      .get('/api/v1/sla-policies')
      .query({ limit: 1, cursor: firstPage.body.nextCursor })
      .set('Authorization', agent.auth)
      .expect(200);
    expect(secondPage.body).toEqual({ items: [expect.objectContaining({ id: standard.body.id })], nextCursor: null });

    const replaced = await api.http
      .put(`/api/v1/sla-policies/${standard.body.id}`)
      .set('Authorization', admin.auth)
      .set('If-Match', '"1"')
      .send({ name: '标准', firstResponseMinutes: 60, resolutionMinutes: 960, active: false })
      .expect(200);
    expect(replaced.body).toMatchObject({ firstResponseMinutes: 60, warningPercent: 80, active: false, version: 2 });

    const late = await api.http
      .post('/api/v1/sla-policies')
      .set('Authorization', admin.auth)
      .send({ name: '错误', firstResponseMinutes: 600, resolutionMinutes: 60 })
      .expect(400);
    expect(late.body.code).toBe('SLA_POLICY.INVALID');
    await api.http
      .post('/api/v1/sla-policies')
      .set('Authorization', admin.auth)
      .send({ name: 'x', firstResponseMinutes: 0, resolutionMinutes: 60 })
      .expect(400);
    await api.http
      .put(`/api/v1/sla-policies/${randomUUID()}`)
      .set('Authorization', admin.auth)
      .send({ name: 'x', firstResponseMinutes: 1, resolutionMinutes: 60 })
      .expect(404);
    await api.http
      .post('/api/v1/sla-policies')
      .set('Authorization', agent.auth)
      .send({ name: 'x', firstResponseMinutes: 1, resolutionMinutes: 60 })
      .expect(403);
  });
});
