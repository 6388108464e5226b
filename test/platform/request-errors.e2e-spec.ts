import { TestApp, type TestUser } from '../support/test-app.js';

/** Every bad request gets a clear 4xx problem document with a stable code; none is a 500. */
describe('Bad input', () => {
  let api: TestApp;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  const post = (body: string, type = 'application/json') =>
    api.http.post('/api/v1/customers').set('Authorization', rep.auth).set('Content-Type', type).send(body);

  it.each([
    ['malformed JSON', () => post('{"kind": "enterprise", '), 400, 'REQUEST.MALFORMED_JSON'],
    ['a body over the limit', () => post(JSON.stringify({ kind: 'enterprise', name: 'x'.repeat(400_000) })), 413, 'REQUEST.BODY_TOO_LARGE'],
    ['a body that is not JSON', () => post('kind=enterprise', 'application/x-www-form-urlencoded'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    ['an unknown field', () => post(JSON.stringify({ kind: 'enterprise', name: 'A', isVip: true })), 400, 'REQUEST.VALIDATION_FAILED'],
    ['a wrong type', () => post(JSON.stringify({ kind: 'enterprise', name: 42 })), 400, 'REQUEST.VALIDATION_FAILED'],
    ['a wrong enum', () => post(JSON.stringify({ kind: 'company', name: 'A' })), 400, 'REQUEST.VALIDATION_FAILED'],
    ['an array body', () => post('[1,2]'), 400, 'REQUEST.VALIDATION_FAILED'],
    ['a bad id in the path', () => api.http.get('/api/v1/customers/not-a-uuid').set('Authorization', rep.auth), 400, 'REQUEST.INVALID_ID'],
    ['a forged cursor', () => api.http.get('/api/v1/customers?cursor=bm9wZQ').set('Authorization', rep.auth), 400, 'REQUEST.INVALID_CURSOR'],
    [
      'a cursor with a non-uuid',
      () => api.http.get(`/api/v1/customers?cursor=${Buffer.from('["x"]').toString('base64url')}`).set('Authorization', rep.auth),
      400,
      'REQUEST.INVALID_CURSOR',
    ],
    ['a limit out of range', () => api.http.get('/api/v1/customers?limit=5000').set('Authorization', rep.auth), 400, 'REQUEST.VALIDATION_FAILED'],
    [
      'a malformed If-Match',
      () => api.http.patch('/api/v1/customers/01900000-0000-7000-8000-000000000000').set('Authorization', rep.auth).set('If-Match', 'yesterday').send({}),
      400,
      'REQUEST.INVALID_IF_MATCH',
    ],
    [
      'a null for a field that cannot be cleared',
      () => api.http.patch('/api/v1/customers/01900000-0000-7000-8000-000000000000').set('Authorization', rep.auth).send({ country: null }),
      400,
      'REQUEST.VALIDATION_FAILED',
    ],
    ['a NUL character in text', () => api.http.post('/api/v1/auth/login').send({ username: 'a\u0000b', password: 'x' }), 400, 'REQUEST.INVALID'],
    ['an unknown route', () => api.http.get('/api/v1/nothing-here').set('Authorization', rep.auth), 404, 'ROUTE.NOT_FOUND'],
  ])('%s', async (_, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code, type: `urn:problem:crm:${code.toLowerCase()}`, detail: expect.any(String) });
  });

  it('lists every invalid field with its reason', async () => {
    const response = await post(JSON.stringify({ kind: 'enterprise', name: '', email: 'not-mail', extra: 1 })).expect(400);
    const fields = response.body.errors.map((error: { field: string; code: string }) => `${error.field}:${error.code}`);
    expect(fields).toEqual(expect.arrayContaining(['extra:UNKNOWN_FIELD', 'email:NOT_AN_EMAIL', 'name:LENGTH_OUT_OF_RANGE']));
  });

  it("echoes the caller's request id in the header and in problems", async () => {
    const response = await api.http.get('/api/v1/customers/not-a-uuid').set('Authorization', rep.auth).set('X-Request-Id', 'trace-123').expect(400);
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(response.body.correlationId).toBe('trace-123');
  });

  it('loses nothing on a rejected request: the customer list is unchanged', async () => {
    const before = await api.http.get('/api/v1/customers').set('Authorization', rep.auth).expect(200);
    await post('{"kind":"enterprise","name":"半截').expect(400);
    await post(JSON.stringify({ kind: 'enterprise', name: 'ok', creditCode: '91110108MA01K0007X' })).expect(400);
    const after = await api.http.get('/api/v1/customers').set('Authorization', rep.auth).expect(200);
    expect(after.body).toEqual(before.body);
  });
});
