import { FormIntake } from '@crm/lead';
import { TestApp, type TestUser } from '../support/test-app.js';
import { createPool, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

/**
 * Web forms [表单] (LEAD-1): marketing defines them; landing pages post without a login. CORS is
 * open, each form limits submissions per address and in all (in PostgreSQL), a honeypot drops
 * robots, a retry with the same Idempotency-Key answers the same receipt and concurrent duplicates
 * give one lead, UTM parameters are kept, errors come in the visitor's language, unknown forms 404.
 */
describe('Web forms: definitions and the public submission endpoint', () => {
  let api: TestApp;
  let second: TestApp;
  let marketing: TestUser;
  let other: TestUser;
  let rep: TestUser;
  let pool: string;
  let formId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    second = await TestApp.start({ sharedWith: api });
    const people = await leadPeople(api, 1);
    marketing = people.marketing;
    [rep] = people.reps;
    other = await api.user(['marketing']);
    pool = await createPool(api, marketing, {
      name: '官网表单池',
      parentId: MASTER_POOL_ID,
      memberIds: [rep.id],
      rules: { assignmentStrategy: 'round-robin' },
    });
    const created = await api.http
      .post('/api/v1/lead-forms')
      .set('Authorization', marketing.auth)
      .send({
        key: 'autumn-expo-2026',
        name: '2026 秋季展会报名',
        poolId: pool,
        channel: 'landing-page',
        campaign: 'AUTUMN-2026',
        fields: [
          { name: 'personName', required: true },
          { name: 'mobile', required: true },
          { name: 'companyName', required: false },
        ],
        maxPerAddressPerMinute: 1000,
      })
      .expect(201);
    formId = created.body.id;
    expect(created.body).toMatchObject({ submitPath: '/api/v1/public/forms/autumn-expo-2026/submissions', honeypotField: 'website', enabled: true });
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  const submit = (body: Record<string, unknown>, key = 'autumn-expo-2026', app: TestApp = api) =>
    app.http.post(`/api/v1/public/forms/${key}/submissions`).set('Origin', 'https://landing.example.cn').send(body);
  /** The leads with this mobile once the inbox's submissions are captured (the endpoint answers on acceptance). */
  const leadsWith = async (mobile: string) => {
    await api.settleEvents();
    return api.tx.query<Record<string, unknown>>(`SELECT * FROM lead.leads WHERE mobile = $1`, [mobile]);
  };

  it('captures a submission without login into the form pool, with channel, campaign and UTM, assigned; CORS open', async () => {
    const mobile = uniqueMobile();
    const response = await submit({
      personName: '张三',
      mobile,
      companyName: '杭州甲公司',
      utmSource: 'baidu',
      utmMedium: 'cpc',
      utmCampaign: 'autumn',
    }).expect(202);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(Object.keys(response.body)).toEqual(['receiptId']);
    const [lead] = await leadsWith(mobile);
    // The receipt is the new lead's id.
    expect(lead!.id).toBe(response.body.receiptId);
    expect(lead).toMatchObject({
      pool_id: pool,
      person_name: '张三',
      channel: 'landing-page',
      campaign: 'AUTUMN-2026',
      utm_source: 'baidu',
      utm_medium: 'cpc',
      utm_campaign: 'autumn',
      owner_id: rep.id,
      id: response.body.receiptId,
    });
    const preflight = await api.http
      .options('/api/v1/public/forms/autumn-expo-2026/submissions')
      .set('Origin', 'https://anywhere.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'Content-Type, Idempotency-Key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('a retry with the same Idempotency-Key answers the same receipt; the same person twice at once is one lead', async () => {
    const mobile = uniqueMobile();
    const first = await submit({ personName: '李四', mobile }).set('Idempotency-Key', `form-${mobile}`).expect(202);
    const retry = await submit({ personName: '李四', mobile }).set('Idempotency-Key', `form-${mobile}`).expect(202);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await leadsWith(mobile)).toHaveLength(1);

    const twin = uniqueMobile();
    const both = await Promise.all([submit({ personName: '王五', mobile: twin }), submit({ personName: '王五', mobile: twin }, 'autumn-expo-2026', second)]);
    expect(both.map((r) => r.status)).toEqual([202, 202]);
    const leads = await leadsWith(twin);
    expect(leads).toHaveLength(1);
    const [activities] = await api.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.activities WHERE lead_id = $1 AND kind = 'resubmission'`, [
      leads[0]!.id,
    ]);
    expect(activities!.n).toBe(1);
  });

  it('a burst is accepted at once and captured once per person by two processes taking batches side by side', async () => {
    const people = Array.from({ length: 30 }, () => uniqueMobile());
    // Forty submissions, ten of them the same people again, half through each process.
    const bodies = [...people, ...people.slice(0, 10)].map((mobile, index) => ({ personName: `突发${index % 30}`, mobile }));
    const answers = await Promise.all(bodies.map((body, index) => submit(body, 'autumn-expo-2026', index % 2 === 0 ? api : second)));
    expect(answers.map((answer) => answer.status)).toEqual(bodies.map(() => 202));

    // Both processes' intakes (and their background loops) take batches at once.
    await Promise.all([api.app.get(FormIntake).drain(), second.app.get(FormIntake).drain()]);
    await api.settleEvents();
    const [counts] = await api.tx.query<{ leads: number; resubmissions: number; inbox: number }>(
      `SELECT (SELECT count(*)::int FROM lead.leads WHERE mobile = ANY($1)) AS leads,
              (SELECT count(*)::int FROM lead.activities a JOIN lead.leads l ON l.id = a.lead_id WHERE l.mobile = ANY($1) AND a.kind = 'resubmission') AS resubmissions,
              (SELECT count(*)::int FROM lead.form_inbox) AS inbox`,
      [people],
    );
    expect(counts).toEqual({ leads: 30, resubmissions: 10, inbox: 0 });
    // Every receipt names what the submission became: its new lead, or its merge activity.
    const receipts = answers.map((answer) => answer.body.receiptId as string);
    const [named] = await api.tx.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM lead.leads WHERE id = ANY($1::uuid[])) + (SELECT count(*)::int FROM lead.activities WHERE id = ANY($1::uuid[])) AS n`,
      [receipts],
    );
    expect(named!.n).toBe(40);
  });

  /** A lead profile as the inbox keeps it: every field, null unless given. */
  const profileOf = (given: Record<string, string>) => ({
    ...Object.fromEntries(
      [
        'personName',
        'mobile',
        'email',
        'companyName',
        'title',
        'province',
        'city',
        'industry',
        'channel',
        'campaign',
        'utmSource',
        'utmMedium',
        'utmCampaign',
        'notes',
      ].map((field) => [field, null]),
    ),
    ...given,
  });

  it('a submission that cannot be captured stays in the inbox with why, and is captured once it can', async () => {
    // Accepted while its pool was still there; by the time the intake takes it the pool is unknown (as if removed).
    const mobile = uniqueMobile();
    const receiptId = '01a20000-0000-7000-8000-0000000fa11d';
    await api.tx.query(`INSERT INTO lead.form_inbox (id, form_id, pool_id, profile) VALUES ($1, $2, '00000000-0000-7000-8000-00000000dead', $3)`, [
      receiptId,
      formId,
      JSON.stringify({ ...profileOf({ personName: '暂存', mobile }), channel: 'landing-page' }),
    ]);
    const other = uniqueMobile();
    await submit({ personName: '同批', mobile: other }).expect(202);
    await api.settleEvents();
    // The others go through; it waits with its error, not lost.
    expect(await api.tx.query(`SELECT mobile FROM lead.leads WHERE mobile = ANY($1)`, [[mobile, other]])).toEqual([{ mobile: other }]);
    const [kept] = await api.tx.query<{ attempts: number; last_error: string; later: boolean }>(
      `SELECT attempts, last_error, next_attempt_at > now() AS later FROM lead.form_inbox WHERE id = $1`,
      [receiptId],
    );
    expect(kept).toEqual({ attempts: 1, last_error: 'LEAD_POOL.NOT_FOUND', later: true });

    await api.tx.query(`UPDATE lead.form_inbox SET pool_id = $2, next_attempt_at = now() WHERE id = $1`, [receiptId, pool]);
    const [lead] = await leadsWith(mobile);
    expect(lead).toMatchObject({ id: receiptId, pool_id: pool, person_name: '暂存' });
  });

  it('drops honeypot submissions silently; bad input is 400 with field errors in the visitor language', async () => {
    const mobile = uniqueMobile();
    const robot = await submit({ personName: 'bot', mobile, website: 'http://spam.example' }).expect(202);
    expect(robot.body.receiptId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await leadsWith(mobile)).toHaveLength(0);

    const zh = await submit({ mobile: uniqueMobile(), email: 'x@example.cn' }).expect(400);
    expect(zh.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(zh.body.errors).toEqual([
      { field: 'personName', code: 'REQUIRED', message: 'personName 为必填项' },
      { field: 'email', code: 'NOT_APPLICABLE', message: 'email 在此情况下不适用' },
    ]);
    const en = await submit({ personName: '赵六', mobile: '12' }).set('Accept-Language', 'en-US,en;q=0.9').expect(400);
    expect(en.body.errors).toEqual([expect.objectContaining({ field: 'mobile', code: 'BAD_FORMAT' })]);
    expect(en.body.errors[0].message).not.toMatch(/[\u4e00-\u9fff]/);
    const typed = await submit({ personName: '赵六', mobile: uniqueMobile(), extra: 1 }).expect(400);
    expect(typed.body.errors).toEqual([expect.objectContaining({ field: 'extra', code: 'UNKNOWN_FIELD' })]);
  });

  it('a form changed a moment ago checks the very next submission with its new fields, and a disabled one takes none', async () => {
    const mobile = uniqueMobile();
    await submit({ personName: '改表前', mobile }).expect(202);
    const current = await api.http.get(`/api/v1/lead-forms/${formId}`).set('Authorization', marketing.auth).expect(200);
    const fields = [
      { name: 'personName', required: true },
      { name: 'mobile', required: true },
      { name: 'companyName', required: true },
    ];
    const changed = await api.http
      .patch(`/api/v1/lead-forms/${formId}`)
      .set('Authorization', marketing.auth)
      .set('If-Match', current.headers.etag!)
      .send({ fields })
      .expect(200);
    const refused = await submit({ personName: '改表后', mobile: uniqueMobile() }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'companyName', code: 'REQUIRED' })]);
    await submit({ personName: '改表后', mobile: uniqueMobile(), companyName: '杭州乙公司' }).expect(202);
    await api.http
      .patch(`/api/v1/lead-forms/${formId}`)
      .set('Authorization', marketing.auth)
      .set('If-Match', changed.headers.etag!)
      .send({ fields: fields.map((field) => (field.name === 'companyName' ? { ...field, required: false } : field)) })
      .expect(200);
    expect(await leadsWith(mobile)).toHaveLength(1);
  });

  it('an unknown or disabled form reveals nothing beyond 404', async () => {
    const unknown = await submit({ personName: 'x', mobile: uniqueMobile() }, 'no-such-form').expect(404);
    expect(unknown.body.code).toBe('LEAD_FORM.NOT_FOUND');
    const current = await api.http.get(`/api/v1/lead-forms/${formId}`).set('Authorization', marketing.auth).expect(200);
    await api.http
      .patch(`/api/v1/lead-forms/${formId}`)
      .set('Authorization', marketing.auth)
      .set('If-Match', current.headers.etag!)
      .send({ enabled: false })
      .expect(200);
    const disabled = await submit({ personName: 'x', mobile: uniqueMobile() }).expect(404);
    expect(Object.keys(disabled.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect({ ...disabled.body, instance: undefined, correlationId: undefined }).toEqual({ ...unknown.body, instance: undefined, correlationId: undefined });
    const again = await api.http.get(`/api/v1/lead-forms/${formId}`).set('Authorization', marketing.auth).expect(200);
    await api.http
      .patch(`/api/v1/lead-forms/${formId}`)
      .set('Authorization', marketing.auth)
      .set('If-Match', again.headers.etag!)
      .send({ enabled: true })
      .expect(200);
    // Forms belong to their pool: another team neither sees nor changes them.
    await api.http.get(`/api/v1/lead-forms/${formId}`).set('Authorization', other.auth).expect(404);
    expect((await api.http.get('/api/v1/lead-forms').set('Authorization', other.auth).expect(200)).body.items).toEqual([]);
    await api.http.patch(`/api/v1/lead-forms/${formId}`).set('Authorization', other.auth).send({ enabled: false }).expect(404);
  });

  it('counts submissions to unknown keys against the address: 404 alike, then 429, while real forms still take submissions', async () => {
    // An address of its own (trusted from the loopback proxy), so no other test's misses count here.
    const address = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    const probe = (key: string) => submit({ personName: 'x', mobile: uniqueMobile() }, key).set('X-Forwarded-For', address);
    const statuses: number[] = [];
    const bodies: Record<string, unknown>[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await probe(`probe-${i}`);
      statuses.push(response.status);
      if (response.status === 404) bodies.push({ ...response.body, instance: undefined, correlationId: undefined });
    }
    expect(statuses).toEqual([...Array(10).fill(404), 429]);
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]).toMatchObject({ status: 404, code: 'LEAD_FORM.NOT_FOUND' });
    const blocked = await probe('probe-last').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.code).toBe('REQUEST.RATE_LIMITED');
    // The misses' budget is its own: the address still reaches a real form.
    await probe('autumn-expo-2026').expect(202);
  });

  it('limits submissions per address and per form, in the database shared by every process', async () => {
    const limited = await api.http
      .post('/api/v1/lead-forms')
      .set('Authorization', marketing.auth)
      .send({
        key: 'tight-form',
        name: '限流表单',
        poolId: pool,
        channel: 'landing-page',
        fields: [{ name: 'mobile', required: true }],
        maxPerAddressPerMinute: 3,
      })
      .expect(201);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await submit({ mobile: uniqueMobile() }, 'tight-form', i % 2 === 0 ? api : second)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const blocked = await submit({ mobile: uniqueMobile() }, 'tight-form');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.code).toBe('REQUEST.RATE_LIMITED');
    // Both counters in one table; the address stopped by its own budget spent nothing of the form's (3 accepted).
    const counters = await api.tx.query<{ key: string; points: number }>(`SELECT key, points FROM lead.form_submission_limits WHERE key LIKE $1`, [
      `%${limited.body.id}%`,
    ]);
    expect(counters.map(({ key, points }) => [key.split(':')[0], points]).sort()).toEqual([
      ['form', 3],
      ['form-address', 5],
    ]);
    // Other forms are not held back by this one's budget.
    await submit({ personName: '孙八', mobile: uniqueMobile() }).expect(202);
    expect(limited.body.maxPerAddressPerMinute).toBe(3);
  });
});
