import { LeadEvents, RescoreDueLeadsJob } from '@crm/contracts/lead';
import { CommandBus } from '@nestjs/cqrs';
import { RescoreOpenLeadsCommand } from '../../libs/lead/src/application/commands/rescore-open-leads/rescore-open-leads.command.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, getLead, GRADES, handMasterPool, historyOf, MASTER_POOL_ID, recordActivity, replaceScoringRules, uniqueMobile } from './lead-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;

/** Seed 004's scoring, as marketing would type it: attributes, behaviour in a window, heavier call-centre outcomes. */
const RULES = {
  rules: [
    { id: 'manufacturing', name: '制造业', kind: 'attribute', field: 'industry', op: 'in', values: ['manufacturing', '制造业'], points: 20 },
    { id: 'zhejiang', name: '浙江客户', kind: 'attribute', field: 'province', op: 'equals', value: '浙江', points: 5 },
    { id: 'mini-program', name: '最近7天访问过小程序', kind: 'behaviour', activity: 'mini-program-visit', withinDays: 7, points: 10, tag: '活跃' },
    { id: 'pages', name: '浏览官网', kind: 'behaviour', activity: 'page-view', withinDays: 7, points: 3, cap: 9 },
    { id: 'resubmitted', name: '重复留资', kind: 'behaviour', activity: 'resubmission', withinDays: 30, points: 15 },
    { id: 'interested', name: '外呼有意向', kind: 'call-outcome', outcome: 'interested', points: 40, tag: '高意向' },
    { id: 'not-interested', name: '外呼无意向', kind: 'call-outcome', outcome: 'not-interested', points: -30 },
  ],
  ...GRADES,
};

interface Contribution {
  ruleId: string;
  points: number;
}
const sum = (contributions: Contribution[]) => contributions.reduce((total, contribution) => total + contribution.points, 0);

/**
 * Capture [录入线索] through scoring [评分] and grading [等级] to the 5W2H history [线索日志]:
 * every score is the sum of the rules that fired, and every change says so.
 */
describe('Leads: capture, de-duplication, scoring and history', () => {
  let api: TestApp;
  let admin: TestUser;
  let marketer: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    marketer = await api.user(['marketing']);
    agent = await api.user(['sales-rep']);
    // Marketing runs the master pool; the call-centre agent works its leads.
    await handMasterPool(api, admin, { adminIds: [marketer.id], memberIds: [agent.id] });
    await replaceScoringRules(api, marketer, RULES);
  });
  afterAll(() => api.close());

  it('scores a captured lead at once, re-scores it on every activity, and explains every score in its history', async () => {
    const mobile = uniqueMobile();
    const created = await capture(api, marketer, {
      personName: '张伟',
      mobile,
      companyName: '宁波精工制造有限公司',
      industry: 'manufacturing',
      province: '浙江',
      channel: 'wechat',
      campaign: '2024-秋季展会',
      utmSource: 'wechat-ad',
    }).expect(201);
    expect(created.headers.location).toBe(`/api/v1/leads/${created.body.leadId}`);
    expect(created.body).toMatchObject({ merged: false, activityId: null });
    const leadId = created.body.leadId as string;
    expect(created.body.lead).toMatchObject({
      score: 25,
      grade: 'C',
      channel: 'wechat',
      campaign: '2024-秋季展会',
      pool: { id: MASTER_POOL_ID, name: '市场部线索总池' },
      contributions: [
        { ruleId: 'manufacturing', points: 20 },
        { ruleId: 'zhejiang', points: 5 },
      ],
    });

    const now = Date.now();
    const scores: number[] = [];
    for (let view = 0; view < 4; view++) {
      const recorded = await recordActivity(api, agent, leadId, {
        kind: 'page-view',
        occurredAt: new Date(now - view * 60_000).toISOString(),
        detail: { page: '/pricing' },
      }).expect(201);
      scores.push(recorded.body.score as number);
    }
    // 3 points a page view, at most 9: the fourth view changes nothing.
    expect(scores).toEqual([28, 31, 34, 34]);
    await recordActivity(api, agent, leadId, {
      kind: 'mini-program-visit',
      occurredAt: new Date(now - 2 * DAY).toISOString(),
      channel: 'wechat-mini-program',
    }).expect(201);
    const called = await recordActivity(api, agent, leadId, { kind: 'call-outcome', outcome: 'interested', occurredAt: new Date().toISOString() }).expect(201);
    expect(called.body).toMatchObject({ score: 84, grade: 'A' });

    const score = await api.http.get(`/api/v1/leads/${leadId}/score`).set('Authorization', agent.auth).expect(200);
    expect(score.body).toMatchObject({ score: 84, grade: 'A', tags: ['活跃', '高意向'] });
    expect(sum(score.body.contributions)).toBe(84);
    expect(score.body.contributions.map((c: Contribution) => [c.ruleId, c.points])).toEqual([
      ['manufacturing', 20],
      ['zhejiang', 5],
      ['mini-program', 10],
      ['pages', 9],
      ['interested', 40],
    ]);
    // Each change, newest first, is explained by the rules that fired then.
    const changes = score.body.changes as { cause: string; fromScore: number | null; toScore: number; toGrade: string; contributions: Contribution[] }[];
    expect(changes.map((change) => [change.cause, change.fromScore, change.toScore, change.toGrade])).toEqual([
      ['activity', 44, 84, 'A'],
      ['activity', 34, 44, 'C'],
      ['activity', 31, 34, 'C'],
      ['activity', 28, 31, 'C'],
      ['activity', 25, 28, 'C'],
      ['captured', null, 25, 'C'],
    ]);
    for (const change of changes) expect(sum(change.contributions)).toBe(change.toScore);

    const history = await historyOf(api, agent, leadId);
    expect(history.map((line) => line.what)).toEqual([
      'captured',
      'scored',
      ...['activity-recorded', 'scored', 'activity-recorded', 'scored', 'activity-recorded', 'scored', 'activity-recorded'],
      'activity-recorded',
      'scored',
      'activity-recorded',
      'scored',
    ]);
    // 5W2H: who, what, when, where (pool, channel), why, how, how much.
    expect(history[0]).toMatchObject({
      who: { id: marketer.id, name: expect.any(String) },
      what: 'captured',
      when: expect.any(String),
      where: { poolId: MASTER_POOL_ID, poolName: '市场部线索总池', channel: 'wechat' },
      why: 'campaign 2024-秋季展会',
      how: 'utm: wechat-ad',
    });
    const lastScore = history[history.length - 1]!;
    expect(lastScore).toMatchObject({ who: { id: agent.id }, what: 'scored', how: 'activity', howMuch: 40, why: expect.stringContaining('外呼有意向 +40') });
    expect(history.find((line) => line.how === 'mini-program-visit')).toMatchObject({ where: { channel: 'wechat-mini-program' } });
    // The score changes add up to the score.
    expect(history.filter((line) => line.what === 'scored').reduce((total, line) => total + (line.howMuch as number), 0)).toBe(84);
  });

  it('merges a duplicate submission into the open lead as an activity, whichever way the mobile or e-mail was typed', async () => {
    const mobile = uniqueMobile();
    const first = await capture(api, marketer, { personName: '李娜', mobile, email: 'Li.Na@Example.cn', channel: 'baidu-sem' }).expect(201);
    const leadId = first.body.leadId as string;
    expect(first.body.lead).toMatchObject({ score: 0, grade: 'D' });

    const sameMobile = await capture(api, marketer, {
      personName: '李娜',
      mobile: `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`,
      channel: 'douyin',
      campaign: '直播间',
      city: '宁波',
    }).expect(200);
    expect(sameMobile.body).toMatchObject({ merged: true, leadId, activityId: expect.any(String) });
    // The lead keeps its own fields and gains the resubmission's points.
    expect(sameMobile.body.lead).toMatchObject({ id: leadId, city: null, channel: 'baidu-sem', score: 15 });
    const sameEmail = await capture(api, marketer, { email: ' li.na@EXAMPLE.CN ', channel: 'website' }).expect(200);
    expect(sameEmail.body).toMatchObject({ merged: true, leadId });

    const [counts] = await api.tx.query<{ leads: number; resubmissions: number }>(
      `SELECT (SELECT count(*)::int FROM lead.leads WHERE mobile_key = $1) AS leads,
              (SELECT count(*)::int FROM lead.activities WHERE lead_id = $2 AND kind = 'resubmission') AS resubmissions`,
      [mobile, leadId],
    );
    expect(counts).toEqual({ leads: 1, resubmissions: 2 });
    const history = await historyOf(api, marketer, leadId);
    expect(history.filter((line) => line.what === 'merged').map((line) => [line.where.channel, line.why])).toEqual([
      ['douyin', 'duplicate submission: same mobile as this open lead'],
      ['website', 'duplicate submission: same email as this open lead'],
    ]);

    // Someone else at a company with open leads is a lead of their own; a company-only submission for it is not.
    const colleague = await capture(api, marketer, { personName: '王强', mobile: uniqueMobile(), companyName: '星河贸易有限公司' }).expect(201);
    await capture(api, marketer, { personName: '赵敏', mobile: uniqueMobile(), companyName: '星河贸易有限公司' }).expect(201);
    const companyOnly = await capture(api, marketer, { companyName: '星河贸易 有限公司', channel: 'exhibition' }).expect(200);
    expect(companyOnly.body).toMatchObject({ merged: true, leadId: colleague.body.leadId });
  });

  it('flags a lead whose company or mobile belongs to an existing customer, and shows it on that customer timeline', async () => {
    const enterprise = await api.http
      .post('/api/v1/customers')
      .set('Authorization', admin.auth)
      .send({ kind: 'enterprise', name: '杭州云栖科技有限公司' })
      .expect(201);
    const personMobile = uniqueMobile();
    const person = await api.http
      .post('/api/v1/customers')
      .set('Authorization', admin.auth)
      .send({ kind: 'individual', name: '陈静', phone: personMobile })
      .expect(201);

    const byCompany = await capture(api, marketer, { personName: '周杰', mobile: uniqueMobile(), companyName: '杭州云栖科技（有限公司）' }).expect(201);
    expect(byCompany.body.lead.matchedCustomerId).toBe(enterprise.body.id);
    const byMobile = await capture(api, marketer, { personName: '陈静', mobile: `0086${personMobile}` }).expect(201);
    expect(byMobile.body.lead.matchedCustomerId).toBe(person.body.id);
    const newcomer = await capture(api, marketer, { personName: '新客户', mobile: uniqueMobile(), companyName: '从未合作过的公司' }).expect(201);
    expect(newcomer.body.lead.matchedCustomerId).toBeNull();

    await api.settleEvents();
    const timeline = await api.http.get(`/api/v1/customers/${enterprise.body.id}/timeline`).set('Authorization', admin.auth).expect(200);
    expect(timeline.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'lead.captured.v1' })]));
  });

  it('re-scores every open lead after a rule change, after the change commits, and each new score names the rule', async () => {
    const leads: string[] = [];
    for (const channel of ['exhibition', 'exhibition', 'website']) {
      leads.push((await capture(api, marketer, { mobile: uniqueMobile(), channel }).expect(201)).body.leadId as string);
    }
    const closed = (await capture(api, marketer, { mobile: uniqueMobile(), channel: 'exhibition' }).expect(201)).body.leadId as string;
    // A closed lead [关闭线索] (see closure.e2e-spec.ts for the endpoint), set up directly here.
    await api.tx.query(`UPDATE lead.leads SET status = 'closed', closed_reason = 'invalid', closed_at = now() WHERE id = $1`, [closed]);

    const current = await api.http.get('/api/v1/lead-scoring-rules').set('Authorization', marketer.auth).expect(200);
    const withExhibition = {
      ...RULES,
      rules: [...RULES.rules, { id: 'exhibition', name: '展会渠道', kind: 'attribute', field: 'channel', op: 'equals', value: 'exhibition', points: 30 }],
    };
    const replaced = await api.http
      .put('/api/v1/lead-scoring-rules')
      .set('Authorization', marketer.auth)
      .set('If-Match', current.headers.etag!)
      .send(withExhibition)
      .expect(200);
    expect(replaced.headers.etag).toBe(`"${current.body.version + 1}"`);
    await api.settleEvents();
    // The request did not wait for the re-scoring: it ran after commit, as a reaction to the rule-change event.
    const causes = await api.tx.query<{ causation_id: string; change_id: string }>(
      `SELECT s.causation_id, c.id::text AS change_id
         FROM platform.events s, platform.events c
        WHERE s.type = $1 AND s.payload->>'cause' = 'rules-changed' AND (s.payload->>'rulesVersion')::int = $3
          AND c.type = $2 AND (c.payload->>'version')::int = $3`,
      [LeadEvents.scored.type, LeadEvents.scoringRulesChanged.type, replaced.body.version],
    );
    expect(causes.length).toBeGreaterThanOrEqual(2);
    for (const { causation_id, change_id } of causes) expect(causation_id).toBe(change_id);

    const scores = await Promise.all(leads.map(async (id) => (await getLead(api, marketer, id).expect(200)).body));
    expect(scores.map((lead) => [lead.score, lead.grade])).toEqual([
      [30, 'C'],
      [30, 'C'],
      [0, 'D'],
    ]);
    const [closedRow] = await api.tx.query<{ score: number; rules_version: number }>(`SELECT score, rules_version FROM lead.leads WHERE id = $1`, [closed]);
    expect(closedRow).toEqual({ score: 0, rules_version: current.body.version });
    const [openStale] = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM lead.leads WHERE status = 'open' AND rules_version < $1`, [
      replaced.body.version,
    ]);
    expect(openStale!.count).toBe(0);

    const history = await historyOf(api, marketer, leads[0]!);
    expect(history[history.length - 1]).toMatchObject({ what: 'scored', how: 'rules-changed', howMuch: 30, why: '展会渠道 +30', who: { id: marketer.id } });
    // Every score change of every lead in this file is explained: its contributions add up to its new score.
    const scored = await api.tx.query<{ detail: { toScore: number; fromScore: number | null; contributions: Contribution[] }; score_change: number }>(
      `SELECT detail, score_change FROM lead.history WHERE what = 'scored'`,
    );
    expect(scored.length).toBeGreaterThan(10);
    for (const { detail, score_change } of scored) {
      expect(sum(detail.contributions)).toBe(detail.toScore);
      expect(score_change).toBe(detail.toScore - (detail.fromScore ?? 0));
    }
  });

  it('re-scores batch by batch with two workers at once: a lead an edit holds waits, the rest commit meanwhile, each lead once', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 12; index++)
      ids.push((await capture(api, marketer, { mobile: uniqueMobile(), city: '湖州' }).expect(201)).body.leadId as string);
    const [held] = ids;
    // An edit of one lead, still open in another transaction.
    const edit = api.tx.dataSource.createQueryRunner();
    await edit.connect();
    await edit.startTransaction();
    await edit.query(`SELECT id FROM lead.leads WHERE id = $1 FOR UPDATE`, [held]);
    let released = false;
    try {
      const current = await api.http.get('/api/v1/lead-scoring-rules').set('Authorization', marketer.auth).expect(200);
      const { version: _version, ...rules } = current.body as { version: number; rules: unknown[] };
      const replaced = await api.http
        .put('/api/v1/lead-scoring-rules')
        .set('Authorization', marketer.auth)
        .set('If-Match', current.headers.etag!)
        .send({
          ...rules,
          rules: [...rules.rules, { id: 'huzhou', name: '湖州客户', kind: 'attribute', field: 'city', op: 'equals', value: '湖州', points: 12 }],
        })
        .expect(200);
      const version = replaced.body.version as number;
      // Two workers side by side (as two processes would run it), in batches of 4 leads, each with two lanes.
      const commands = api.app.get(CommandBus);
      const workers = Promise.all([commands.execute(new RescoreOpenLeadsCommand(4, 2)), commands.execute(new RescoreOpenLeadsCommand(4, 2))]);
      const onNewRules = async () =>
        (await api.tx.query<{ id: string }>(`SELECT id FROM lead.leads WHERE id = ANY($1::uuid[]) AND rules_version = $2`, [ids, version])).map(
          (row) => row.id,
        );
      // Every batch commits on its own: the other eleven are re-scored while the edit still holds its lead.
      for (let waited = 0; (await onNewRules()).length < 11; waited += 50) {
        if (waited > 10_000) throw new Error('the other leads were not re-scored while one was held');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await onNewRules()).sort()).toEqual(ids.slice(1).sort());
      await edit.commitTransaction();
      released = true;
      await workers;
      await api.settleEvents();
      expect((await onNewRules()).sort()).toEqual([...ids].sort());
      // Nothing skipped, nothing twice: one lead.scored event and one history line per lead for this version.
      const events = await api.tx.query<{ lead_id: string; n: number }>(
        `SELECT aggregate_id::text AS lead_id, count(*)::int AS n FROM platform.events
          WHERE type = $1 AND aggregate_id = ANY($2::uuid[]) AND (payload->>'rulesVersion')::int = $3 GROUP BY aggregate_id`,
        [LeadEvents.scored.type, ids, version],
      );
      expect(events.map((row) => [row.lead_id, row.n]).sort()).toEqual(ids.map((id) => [id, 1]).sort());
      const lines = await api.tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM lead.history WHERE what = 'scored' AND how = 'rules-changed' AND lead_id = ANY($1::uuid[]) AND (detail->>'rulesVersion')::int = $2`,
        [ids, version],
      );
      expect(lines[0]!.n).toBe(12);
      expect((await getLead(api, marketer, held!).expect(200)).body).toMatchObject({ score: 12 });
    } finally {
      if (!released) await edit.rollbackTransaction();
      await edit.release();
    }
  });

  it('lowers scores on schedule when behaviour leaves its window', async () => {
    const leadId = (await capture(api, marketer, { mobile: uniqueMobile(), channel: 'website' }).expect(201)).body.leadId as string;
    // A mini-program visit that leaves its 7-day window three seconds from now.
    const occurredAt = new Date(Date.now() - 7 * DAY + 3000);
    await recordActivity(api, agent, leadId, { kind: 'mini-program-visit', occurredAt: occurredAt.toISOString() }).expect(201);
    const before = (await getLead(api, agent, leadId).expect(200)).body;
    expect(before).toMatchObject({ score: 10, tags: ['活跃'], nextRescoreAt: new Date(occurredAt.getTime() + 7 * DAY).toISOString() });

    const job = api.app.get(RescoreDueLeadsJob);
    expect((await getLead(api, agent, leadId).expect(200)).body.score).toBe(10);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await job.run()).toBeGreaterThanOrEqual(1);
    const after = (await getLead(api, agent, leadId).expect(200)).body;
    expect(after).toMatchObject({ score: 0, grade: 'D', tags: [], nextRescoreAt: null });
    const history = await historyOf(api, agent, leadId);
    expect(history[history.length - 1]).toMatchObject({ what: 'scored', how: 'window-expired', howMuch: -10, who: { id: 'system' }, why: 'no rule fires' });
    expect(await job.run()).toBe(0);
  });

  it('answers bad input with 400 and a stable code, stale edits with 412, and missing rights with 403', async () => {
    const codeOf = async (response: Promise<{ status: number; body: { code: string } }>) => {
      const { status, body } = await response;
      return [status, body.code];
    };
    expect(await codeOf(capture(api, marketer, { personName: '没有联系方式' }))).toEqual([400, 'LEAD.NO_CONTACT']);
    expect(await codeOf(capture(api, marketer, { mobile: '1 2 3 4' }))).toEqual([400, 'LEAD.INVALID_MOBILE']);
    expect(await codeOf(capture(api, marketer, { mobile: 'call me' }))).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect(await codeOf(capture(api, marketer, { email: 'not-an-email' }))).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    const unknownField = await capture(api, marketer, { mobile: uniqueMobile(), score: 100 }).expect(400);
    expect(unknownField.body.errors).toEqual([expect.objectContaining({ field: 'score', code: 'UNKNOWN_FIELD' })]);
    expect(await codeOf(capture(api, marketer, { mobile: uniqueMobile(), poolId: 'master' }))).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect(await codeOf(capture(api, marketer, { mobile: uniqueMobile(), poolId: '01a20000-0000-7000-8000-000000000000' }))).toEqual([
      404,
      'LEAD_POOL.NOT_FOUND',
    ]);
    expect(await codeOf(capture(api, marketer, { mobile: uniqueMobile(), ownerId: '01a20000-0000-7000-8000-000000000000' }))).toEqual([
      422,
      'LEAD.OWNER_NOT_ACTIVE',
    ]);
    expect(await codeOf(capture(api, agent, { mobile: uniqueMobile() }))).toEqual([403, 'AUTH.FORBIDDEN']);

    const first = (await capture(api, marketer, { mobile: uniqueMobile() }).expect(201)).body.lead;
    const second = (await capture(api, marketer, { mobile: uniqueMobile(), email: 'second@example.cn' }).expect(201)).body.lead;
    const activity = (body: Record<string, unknown>) => codeOf(recordActivity(api, agent, first.id, body));
    const at = new Date().toISOString();
    expect(await activity({ kind: 'call-outcome', occurredAt: at })).toEqual([400, 'LEAD.OUTCOME_REQUIRED']);
    expect(await activity({ kind: 'page-view', outcome: 'interested', occurredAt: at })).toEqual([400, 'LEAD.OUTCOME_REQUIRED']);
    expect(await activity({ kind: 'page-view', occurredAt: new Date(Date.now() + DAY).toISOString() })).toEqual([400, 'LEAD.ACTIVITY_IN_FUTURE']);
    expect(await activity({ kind: 'resubmission', occurredAt: at })).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect(await activity({ kind: 'page-view', occurredAt: '25/11/2024' })).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect(await codeOf(api.http.get('/api/v1/leads/not-a-uuid').set('Authorization', agent.auth))).toEqual([400, 'REQUEST.INVALID_ID']);
    expect(await codeOf(api.http.get('/api/v1/leads?cursor=forged').set('Authorization', agent.auth))).toEqual([400, 'REQUEST.INVALID_CURSOR']);
    expect(await codeOf(api.http.get('/api/v1/leads?includeSubPools=maybe').set('Authorization', agent.auth))).toEqual([400, 'REQUEST.VALIDATION_FAILED']);

    // Edits: a mobile another open lead has, nothing left to reach the lead by, a stale ETag.
    const patch = (id: string, body: Record<string, unknown>, ifMatch?: string) => {
      const call = api.http.patch(`/api/v1/leads/${id}`).set('Authorization', agent.auth);
      return ifMatch ? call.set('If-Match', ifMatch).send(body) : call.send(body);
    };
    const duplicate = await patch(second.id, { mobile: first.mobile }).expect(409);
    expect(duplicate.body).toMatchObject({ code: 'LEAD.DUPLICATE', duplicateOf: first.id, matchedOn: 'mobile' });
    expect(await codeOf(patch(first.id, { mobile: null }))).toEqual([400, 'LEAD.NO_CONTACT']);
    const edited = await patch(first.id, { industry: '制造业', title: '采购总监' }, '"1"').expect(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.body).toMatchObject({ industry: '制造业', title: '采购总监', score: 20, version: 2 });
    const stale = await patch(first.id, { title: '总经理' }, '"1"').expect(412);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"2"' });

    // Rules: checked as a whole, and only with the current ETag.
    const put = (body: Record<string, unknown>, ifMatch?: string) => {
      const call = api.http.put('/api/v1/lead-scoring-rules').set('Authorization', marketer.auth);
      return ifMatch ? call.set('If-Match', ifMatch).send(body) : call.send(body);
    };
    const rule = RULES.rules[0]!;
    expect(await codeOf(put({ ...GRADES, rules: [rule, rule] }))).toEqual([400, 'LEAD.INVALID_SCORING_RULES']);
    expect(
      await codeOf(
        put({
          ...GRADES,
          grades: [
            { grade: 'B', minScore: 50 },
            { grade: 'A', minScore: 80 },
          ],
          rules: [],
        }),
      ),
    ).toEqual([400, 'LEAD.INVALID_SCORING_RULES']);
    expect(await codeOf(put({ ...GRADES, rules: [{ id: 'x', name: 'x', kind: 'behaviour', activity: 'page-view', points: 5 }] }))).toEqual([
      400,
      'REQUEST.VALIDATION_FAILED',
    ]);
    expect(await codeOf(put({ ...GRADES, rules: [{ id: 'x', name: 'x', kind: 'astrology', points: 5 }] }))).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect(await codeOf(put({ ...GRADES, rules: [] }, '"1"'))).toEqual([412, 'PRECONDITION_FAILED']);
    expect(await codeOf(api.http.put('/api/v1/lead-scoring-rules').set('Authorization', agent.auth).send(RULES))).toEqual([403, 'AUTH.FORBIDDEN']);
  });
});
