import { TestApp, type TestUser } from '../support/test-app.js';

/** A page served from another origin (the front end's dev server, the production web app) calls the API. */
describe('Browsers on other origins (CORS)', () => {
  let api: TestApp;
  let rep: TestUser;
  const frontEnd = 'https://crm.example.com';

  beforeAll(async () => {
    api = await TestApp.start({ config: { corsOrigins: [frontEnd, 'http://localhost:5173'] } });
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  const preflight = (path: string, origin: string, method = 'POST') =>
    api.http
      .options(path)
      .set('Origin', origin)
      .set('Access-Control-Request-Method', method)
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');

  it('answers a preflight from an allowed origin with 204 and what the page may send and read', async () => {
    const response = await preflight('/api/v1/customers', frontEnd).expect(204);
    expect(response.headers['access-control-allow-origin']).toBe(frontEnd);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(response.headers['access-control-allow-methods']).toEqual(expect.stringContaining('PATCH'));
    const allowedHeaders = response.headers['access-control-allow-headers'].toLowerCase().split(',');
    expect(allowedHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-request-id', 'accept-language']));
    expect(response.headers['access-control-expose-headers'].split(',')).toEqual(
      expect.arrayContaining(['ETag', 'Location', 'X-Request-Id', 'Idempotent-Replayed', 'Retry-After']),
    );
    expect(response.headers.vary).toContain('Origin');
  });

  it('gives a page on any other origin no CORS headers, so its browser refuses the response', async () => {
    const refused = await preflight('/api/v1/customers', 'https://phishing.example');
    expect(refused.status).toBe(204);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    const read = await api.http.get('/api/v1/customers').set('Authorization', rep.auth).set('Origin', 'https://phishing.example').expect(200);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.headers.vary).toContain('Origin');
  });

  it('lets the allowed page read a response and its headers', async () => {
    const created = await api.http
      .post('/api/v1/customers')
      .set('Origin', frontEnd)
      .set('Authorization', rep.auth)
      .send({ kind: 'enterprise', name: '跨域前端测试有限公司' })
      .expect(201);
    expect(created.headers['access-control-allow-origin']).toBe(frontEnd);
    expect(created.headers['access-control-expose-headers']).toContain('Location');
    const read = await api.http.get('/api/v1/customers').set('Origin', 'http://localhost:5173').set('Authorization', rep.auth).expect(200);
    expect(read.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(read.body.items.length).toBeGreaterThan(0);
  });

  it('opens the public routes (/api/v1/public/…) to every origin, without credentials', async () => {
    const response = await preflight('/api/v1/public/web-forms/f1/submissions', 'https://any-landing-page.example').expect(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const read = await api.http.get('/api/v1/public/not-yet-there').set('Origin', 'https://any-landing-page.example').expect(404);
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(read.headers.vary ?? '').not.toContain('Origin');
  });

  it('lets every origin in with CRM_CORS_ORIGINS=*', async () => {
    const open = await TestApp.start({ sharedWith: api, config: { corsOrigins: ['*'] } });
    try {
      const response = await open.http
        .options('/api/v1/customers')
        .set('Origin', 'https://partner.example')
        .set('Access-Control-Request-Method', 'GET')
        .expect(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
    } finally {
      await open.close();
    }
  });
});
