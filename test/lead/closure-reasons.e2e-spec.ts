import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, historyOf, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

/**
 * Closure reasons [关闭原因] as a managed list: marketing adds, renames and deactivates them under
 * stable keys; closing takes an active key (422 otherwise); closed leads show the current label;
 * `lead.closed.v1` keeps its shape (added reasons appear as `other`), `lead.closed.v2` carries the key.
 */
describe('Lead closure reasons', () => {
  let api: TestApp;
  let marketing: TestUser;
  let owner: TestUser;
  let pool: string;
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const key = `no-budget-${suffix}`;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 1);
    marketing = people.marketing;
    [owner] = people.reps;
    pool = await createPool(api, marketing, {
      name: `关闭原因测试池-${suffix}`,
      parentId: MASTER_POOL_ID,
      memberIds: [owner.id],
      rules: { assignmentStrategy: 'by-rules', assignmentRules: [{ id: 'all', when: [], then: { assigneeIds: [owner.id], strategy: 'round-robin' } }] },
    });
  });
  afterAll(() => api.close());

  const reasons = (by: TestUser, includeInactive?: boolean) =>
    api.http
      .get('/api/v1/lead-closure-reasons')
      .query(includeInactive ? { includeInactive: 'true' } : {})
      .set('Authorization', by.auth);
  const newLead = async () => (await capture(api, marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId as string;
  const close = (by: TestUser, id: string, body: Record<string, unknown>) =>
    api.http.post(`/api/v1/leads/${id}/closure`).set('Authorization', by.auth).send(body);

  it('starts with the five original reasons, in their order, for everyone who reads leads', async () => {
    const list = await reasons(owner).expect(200);
    const seeded = (list.body.items as { key: string }[]).filter((r) => ['invalid', 'duplicate', 'no-need', 'unreachable', 'other'].includes(r.key));
    expect(seeded).toEqual([
      expect.objectContaining({ key: 'invalid', label: '无效线索', noteRequired: false, active: true }),
      expect.objectContaining({ key: 'duplicate', label: '重复线索' }),
      expect.objectContaining({ key: 'no-need', label: '无需求' }),
      expect.objectContaining({ key: 'unreachable', label: '联系不上' }),
      expect.objectContaining({ key: 'other', label: '其他', noteRequired: true }),
    ]);
  });

  it('marketing adds, renames and deactivates a reason; closing follows the list', async () => {
    // Reps read the list but do not change it; bad keys are 400.
    await api.http.post('/api/v1/lead-closure-reasons').set('Authorization', owner.auth).send({ key, label: '预算不足' }).expect(403);
    await api.http.post('/api/v1/lead-closure-reasons').set('Authorization', marketing.auth).send({ key: 'No Budget', label: 'x' }).expect(400);

    const label = `预算不足-${suffix}`;
    const created = await api.http.post('/api/v1/lead-closure-reasons').set('Authorization', marketing.auth).send({ key, label, sortOrder: 35 }).expect(201);
    expect(created.body).toMatchObject({ key, label, noteRequired: false, active: true, sortOrder: 35, version: 1 });
    expect(created.headers.location).toBe(`/api/v1/lead-closure-reasons/${key}`);
    expect(created.headers.etag).toBe('"1"');
    const taken = await api.http
      .post('/api/v1/lead-closure-reasons')
      .set('Authorization', marketing.auth)
      .send({ key, label: `${label}2` })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'LEAD.CLOSURE_REASON_EXISTS', reasonKey: key });
    const sameLabel = await api.http
      .post('/api/v1/lead-closure-reasons')
      .set('Authorization', marketing.auth)
      .set('Accept-Language', 'zh-CN')
      .send({ key: `${key}-2`, label })
      .expect(409);
    expect(sameLabel.body).toMatchObject({ code: 'LEAD.CLOSURE_REASON_LABEL_TAKEN' });
    expect(sameLabel.body.detail).toContain(label);

    // It sits between `no-need` (30) and `unreachable` (40).
    const keys = ((await reasons(owner).expect(200)).body.items as { key: string }[]).map((r) => r.key);
    expect(keys.indexOf(key)).toBe(keys.indexOf('unreachable') - 1);

    // The owner closes a lead with it: the lead shows key and label, the history the key, the event keeps v1's shape.
    const first = await newLead();
    const closed = await close(owner, first, { reason: key }).expect(200);
    expect(closed.body.closure).toMatchObject({ reason: key, reasonLabel: label, note: null, by: owner.id });
    const events = await api.tx.query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM platform.events WHERE aggregate_id = $1 AND type LIKE 'lead.closed.%' ORDER BY type`,
      [first],
    );
    expect(events).toEqual([
      {
        type: 'lead.closed.v1',
        payload: { leadId: first, poolId: pool, poolPath: [MASTER_POOL_ID, pool], ownerId: owner.id, reason: 'other', note: null, closedBy: owner.id },
      },
      { type: 'lead.closed.v2', payload: expect.objectContaining({ leadId: first, reason: key, reasonLabel: label, note: null, closedBy: owner.id }) },
    ]);
    expect((await historyOf(api, marketing, first)).find((l) => l.what === 'closed')).toMatchObject({ why: key, detail: { reason: key, reasonLabel: label } });

    // Renamed (If-Match guarded): closed leads show the new label.
    const renamedLabel = `预算不足（已确认）-${suffix}`;
    await api.http
      .patch(`/api/v1/lead-closure-reasons/${key}`)
      .set('Authorization', marketing.auth)
      .set('If-Match', '"7"')
      .send({ label: renamedLabel })
      .expect(412);
    const renamed = await api.http
      .patch(`/api/v1/lead-closure-reasons/${key}`)
      .set('Authorization', marketing.auth)
      .set('If-Match', '"1"')
      .send({ label: renamedLabel, noteRequired: true })
      .expect(200);
    expect(renamed.body).toMatchObject({ key, label: renamedLabel, noteRequired: true, active: true, version: 2 });
    expect(renamed.headers.etag).toBe('"2"');
    const lead = await api.http.get(`/api/v1/leads/${first}`).set('Authorization', owner.auth).expect(200);
    expect(lead.body.closure).toMatchObject({ reason: key, reasonLabel: renamedLabel });

    // Now it needs a note, said with its label in the caller's language.
    const second = await newLead();
    const noNote = await close(owner, second, { reason: key }).set('Accept-Language', 'zh-CN').expect(400);
    expect(noNote.body.code).toBe('LEAD.CLOSURE_NOTE_REQUIRED');
    expect(noNote.body.detail).toContain(renamedLabel);

    // Deactivated: gone from the default list, refused for new closures (422), the closed lead keeps it.
    await api.http.patch(`/api/v1/lead-closure-reasons/${key}`).set('Authorization', owner.auth).send({ active: false }).expect(403);
    await api.http.patch(`/api/v1/lead-closure-reasons/${key}`).set('Authorization', marketing.auth).send({ active: false }).expect(200);
    expect(((await reasons(owner).expect(200)).body.items as { key: string }[]).map((r) => r.key)).not.toContain(key);
    expect((await reasons(owner, true).expect(200)).body.items).toContainEqual(expect.objectContaining({ key, active: false }));
    const refused = await close(owner, second, { reason: key, note: '预算冻结' }).set('Accept-Language', 'zh-CN').expect(422);
    expect(refused.body).toMatchObject({ code: 'LEAD.CLOSURE_REASON_UNAVAILABLE', reasonKey: key });
    expect(refused.body.detail).toContain('已停用');
    expect((await api.http.get(`/api/v1/leads/${second}`).set('Authorization', owner.auth).expect(200)).body.status).toBe('open');
    expect((await api.http.get(`/api/v1/leads/${first}`).set('Authorization', owner.auth).expect(200)).body.closure.reason).toBe(key);

    // A seeded reason still closes as before; an unknown key is 422 too; an unknown reason to change is 404.
    expect((await close(owner, second, { reason: 'duplicate' }).expect(200)).body.closure).toMatchObject({ reason: 'duplicate', reasonLabel: '重复线索' });
    expect((await close(owner, await newLead(), { reason: `nope-${suffix}` }).expect(422)).body.code).toBe('LEAD.CLOSURE_REASON_UNAVAILABLE');
    const missing = await api.http.patch(`/api/v1/lead-closure-reasons/nope-${suffix}`).set('Authorization', marketing.auth).send({ active: true }).expect(404);
    expect(missing.body.code).toBe('LEAD.CLOSURE_REASON_NOT_FOUND');
  });
});
