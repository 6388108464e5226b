import { RecycleLeadsJob } from '@crm/contracts/lead';
import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, GRADES, historyOf, leadPeople, MASTER_POOL_ID, replaceScoringRules, salesRep, uniqueMobile } from './lead-fixtures.js';

/**
 * Closing leads [关闭线索] and reopening them: a status machine in the aggregate (409 with the
 * current status for illegal moves), reasons from the managed list, and a closed lead out of
 * assignment, capacity counts, recycling, re-scoring and de-duplication.
 */
describe('Lead closure and reopening', () => {
  let api: TestApp;
  let marketing: TestUser;
  let owner: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let pool: string;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 2);
    marketing = people.marketing;
    [owner, colleague] = people.reps.sort((a, b) => (a.id < b.id ? -1 : 1));
    outsider = await salesRep(api);
    // Every new lead goes to `owner`; leads not followed up within 3 days are recycled.
    pool = await createPool(api, marketing, {
      name: '关闭测试池',
      parentId: MASTER_POOL_ID,
      memberIds: [owner.id, colleague.id],
      rules: {
        assignmentStrategy: 'by-rules',
        recycleAfterDays: 3,
        assignmentRules: [{ id: 'all', when: [], then: { assigneeIds: [owner.id], strategy: 'round-robin' } }],
      },
    });
  });
  afterAll(() => api.close());

  const close = (by: TestUser, id: string, body: Record<string, unknown>) =>
    api.http.post(`/api/v1/leads/${id}/closure`).set('Authorization', by.auth).send(body);
  const reopen = (by: TestUser, id: string, body: Record<string, unknown> = {}) =>
    api.http.post(`/api/v1/leads/${id}/reopening`).set('Authorization', by.auth).send(body);
  const ownerLoad = async () =>
    (
      await api.http
        .post(`/api/v1/lead-pools/${pool}/assignment-preview`)
        .set('Authorization', marketing.auth)
        .send({ lead: { mobile: uniqueMobile() } })
        .expect(200)
    ).body.candidates[0].load as number;

  it('the owner closes a lead with a reason: out of counts, recycling and re-scoring; illegal moves answer 409 with the status', async () => {
    const mobile = uniqueMobile();
    const captured = await capture(api, marketing, { mobile, poolId: pool, personName: '王五' }).expect(201);
    const id = captured.body.leadId as string;
    expect(captured.body.lead.ownerId).toBe(owner.id);
    expect(await ownerLoad()).toBe(1);

    // Bad input and people who may not: checked before anything changes.
    await close(owner, id, { reason: '' }).expect(400);
    expect((await close(owner, id, { reason: 'bored' }).expect(422)).body).toMatchObject({ code: 'LEAD.CLOSURE_REASON_UNAVAILABLE', reasonKey: 'bored' });
    const noNote = await close(owner, id, { reason: 'other' }).set('Accept-Language', 'zh-CN').expect(400);
    expect(noNote.body).toMatchObject({ code: 'LEAD.CLOSURE_NOTE_REQUIRED' });
    expect(noNote.body.detail).toContain('需要填写说明');
    expect((await close(colleague, id, { reason: 'invalid' }).expect(403)).body.code).toBe('LEAD.CLOSURE_FORBIDDEN');
    expect((await close(outsider, id, { reason: 'invalid' }).expect(404)).body.code).toBe('LEAD.NOT_FOUND');
    await close(owner, id, { reason: 'invalid' }).set('If-Match', '"999"').expect(412);

    const closed = await close(owner, id, { reason: 'unreachable', note: '空号' }).expect(200);
    expect(closed.body).toMatchObject({
      id,
      status: 'closed',
      ownerId: owner.id,
      closure: { reason: 'unreachable', reasonLabel: '联系不上', note: '空号', by: owner.id },
    });
    expect(closed.headers.etag).toBe(`"${closed.body.version}"`);
    // No longer counted against the owner's load.
    expect(await ownerLoad()).toBe(0);

    // Closing twice, reopening an open lead: 409 with the status the lead is in, in the caller's language.
    const again = await close(owner, id, { reason: 'invalid' }).set('Accept-Language', 'zh-CN').expect(409);
    expect(again.body).toMatchObject({ code: 'LEAD.NOT_OPEN', leadStatus: 'closed' });
    expect(again.body.detail).toContain('closed');
    const other = (await capture(api, marketing, { mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId as string;
    expect((await reopen(owner, other).expect(409)).body).toMatchObject({ code: 'LEAD.NOT_CLOSED', leadStatus: 'open' });
    // Nor is a closed lead edited or claimed.
    expect((await api.http.patch(`/api/v1/leads/${id}`).set('Authorization', owner.auth).send({ title: '经理' }).expect(409)).body.code).toBe('LEAD.NOT_OPEN');

    // Recycling passes it by: assigned a week ago and never worked, only the open one goes back.
    await api.tx.query(`UPDATE lead.leads SET assigned_at = now() - interval '7 days' WHERE id = ANY($1::uuid[])`, [[id, other]]);
    expect(await api.app.get(RecycleLeadsJob).run()).toBe(1);
    const [row] = await api.tx.query<{ owner_id: string | null; rules_version: number }>(`SELECT owner_id, rules_version FROM lead.leads WHERE id = $1`, [id]);
    expect(row!.owner_id).toBe(owner.id);

    // A rule change re-scores open leads, not the closed one.
    const version = await replaceScoringRules(api, marketing, {
      rules: [{ id: 'has-name', name: '有姓名', kind: 'attribute', field: 'personName', op: 'present', points: 30 }],
      ...GRADES,
    });
    const [after] = await api.tx.query<{ rules_version: number; score: number }>(`SELECT rules_version, score FROM lead.leads WHERE id = $1`, [id]);
    expect(after).toEqual({ rules_version: row!.rules_version, score: 0 });
    const [open] = await api.tx.query<{ rules_version: number }>(`SELECT rules_version FROM lead.leads WHERE id = $1`, [other]);
    expect(open!.rules_version).toBe(version);

    // The history tells who closed it and why.
    const line = (await historyOf(api, marketing, id)).find((l) => l.what === 'closed')!;
    expect(line).toMatchObject({ who: { id: owner.id }, why: 'unreachable: 空号', how: 'closure', detail: { reason: 'unreachable', note: '空号' } });
  });

  it('a new submission of a closed lead is a new lead; reopening waits until that one is closed, then re-scores', async () => {
    const mobile = uniqueMobile();
    const first = (await capture(api, marketing, { mobile, personName: '赵六', poolId: pool }).expect(201)).body.leadId as string;
    await close(owner, first, { reason: 'no-need' }).expect(200);
    // While it is closed the name rule is raised from 30 to 45 points: the closed lead keeps its 30.
    await replaceScoringRules(api, marketing, {
      rules: [{ id: 'has-name', name: '有姓名', kind: 'attribute', field: 'personName', op: 'present', points: 45 }],
      ...GRADES,
    });
    expect((await api.tx.query<{ score: number }>(`SELECT score FROM lead.leads WHERE id = $1`, [first]))[0]!.score).toBe(30);
    // Not merged into the closed lead: de-duplication only looks at open ones.
    const second = await capture(api, marketing, { mobile, poolId: pool }).expect(201);
    expect(second.body.leadId).not.toBe(first);

    const clash = await reopen(marketing, first).expect(409);
    expect(clash.body).toMatchObject({ code: 'LEAD.DUPLICATE', matchedOn: 'mobile', duplicateOf: second.body.leadId });

    // A pool admin closes the newer one as a duplicate and reopens the first.
    await close(marketing, second.body.leadId, { reason: 'duplicate', note: '与旧线索重复' }).expect(200);
    const reopened = await reopen(marketing, first, { note: '客户重新来电' }).expect(200);
    expect(reopened.body).toMatchObject({ id: first, status: 'open', closure: null, ownerId: owner.id });
    // Re-scored with the rules in force.
    expect(reopened.body.score).toBe(45);
    expect(new Date(reopened.body.assignedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const history = await historyOf(api, marketing, first);
    expect(history.map((l) => l.what)).toEqual(expect.arrayContaining(['closed', 'reopened']));
    expect(history.find((l) => l.what === 'reopened')).toMatchObject({ who: { id: marketing.id }, why: '客户重新来电', detail: { closedFor: 'no-need' } });
    expect(history.filter((l) => l.what === 'scored').at(-1)).toMatchObject({ how: 'reopened', howMuch: 15 });
    const events = await api.tx.query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM platform.events WHERE aggregate_id = $1 AND type IN ('lead.closed.v1', 'lead.reopened.v1') GROUP BY type ORDER BY type`,
      [first],
    );
    expect(events).toEqual([
      { type: 'lead.closed.v1', n: 1 },
      { type: 'lead.reopened.v1', n: 1 },
    ]);

    // Listing by status finds them.
    const closedList = await api.http.get('/api/v1/leads').query({ status: 'closed', poolId: pool }).set('Authorization', marketing.auth).expect(200);
    expect(closedList.body.items.map((l: { id: string }) => l.id)).toContain(second.body.leadId);
    expect(closedList.body.items.map((l: { id: string }) => l.id)).not.toContain(first);
  });
});
