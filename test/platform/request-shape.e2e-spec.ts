import { TestApp, type TestUser } from '../support/test-app.js';

function expectProblem(response: { status: number; headers: Record<string, string>; body: { code?: string } }, status: number, code: string): void {
  expect([response.status, response.body.code]).toEqual([status, code]);
  expect(response.headers['content-type']).toContain('application/problem+json');
}

/** The same rules on every route: methods a path has, query parameters it knows, bodies of sane shape. */
describe('Request shape, everywhere', () => {
  let api: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
  });
  afterAll(() => api.close());

  describe('an unsupported method on an existing path', () => {
    it.each([
      ['DELETE', '/api/v1/tags', 'GET, HEAD, POST, OPTIONS'],
      ['PUT', '/api/v1/customers', 'GET, HEAD, POST, OPTIONS'],
      ['POST', '/api/v1/customers/01900000-0000-7000-8000-000000000000', 'GET, HEAD, PATCH, OPTIONS'],
      ['GET', '/api/v1/auth/login', 'POST, OPTIONS'],
      ['DELETE', '/health', 'GET, HEAD, OPTIONS'],
    ])('%s %s is 405 with Allow: %s', async (method, path, allow) => {
      const response = await api.http[method.toLowerCase() as 'delete' | 'put' | 'post' | 'get'](path).set('Authorization', admin.auth);
      expectProblem(response, 405, 'REQUEST.METHOD_NOT_ALLOWED');
      expect(response.headers.allow).toBe(allow);
      expect(response.body.type).toBe('urn:problem:crm:request.method_not_allowed');
    });

    it('answers 405 before asking for a token', async () => {
      const response = await api.http.patch('/api/v1/pools');
      expectProblem(response, 405, 'REQUEST.METHOD_NOT_ALLOWED');
    });

    it('keeps 404 for a path that does not exist, whatever the method', async () => {
      expectProblem(await api.http.delete('/api/v1/nothing-here').set('Authorization', admin.auth), 404, 'ROUTE.NOT_FOUND');
      expectProblem(
        await api.http.get('/api/v1/customers/01900000-0000-7000-8000-000000000000/nothing').set('Authorization', admin.auth),
        404,
        'ROUTE.NOT_FOUND',
      );
    });

    it('answers HEAD wherever GET is, and OPTIONS with the methods', async () => {
      await api.http.head('/health').expect(200);
      const options = await api.http.options('/api/v1/product-lines').expect(204);
      expect(options.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    });
  });

  describe('unknown query parameters', () => {
    it.each([
      ['a route with no query at all', '/api/v1/tags?limt=5', 'limt'],
      ['the health check', '/health?verbose=1', 'verbose'],
      ['who am I', '/api/v1/me?fields=id', 'fields'],
      ['a single resource', '/api/v1/roles/admin?expand=users', 'expand'],
      ['a list with a query DTO', '/api/v1/customers?sort=name', 'sort'],
      ['a list with paging only', '/api/v1/admin/users?offset=50', 'offset'],
      ['the event feed', '/api/v1/events?since=2026-01-01', 'since'],
    ])('are a 400 naming the parameter on %s', async (_, path, parameter) => {
      const response = await api.http.get(path).set('Authorization', admin.auth);
      expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: parameter, code: 'UNKNOWN_FIELD' })]);
    });

    it('names every unknown parameter, and lets the known ones through', async () => {
      const response = await api.http.get('/api/v1/tags?a=1&b=2').set('Authorization', admin.auth).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['a', 'b']);
      await api.http.get('/api/v1/customers?limit=5&q=abc').set('Authorization', admin.auth).expect(200);
    });

    it('apply to POSTs too', async () => {
      const response = await api.http.post('/api/v1/auth/login?debug=1').send({ username: admin.username, password: 'password-123' });
      expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
    });
  });

  describe('deeply nested or oversized JSON', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

    it('is a 400 on the login route, without any token, instead of crashing validation', async () => {
      const response = await api.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"username":${nested(2000)},"password":"x"}`);
      expectProblem(response, 400, 'REQUEST.TOO_DEEP');
    });

    it('is a 400 on an authenticated route, and the API still answers afterwards', async () => {
      const deepObject = '{"a":'.repeat(200) + '1' + '}'.repeat(200);
      const response = await api.http
        .patch('/api/v1/customers/01900000-0000-7000-8000-000000000000')
        .set('Authorization', admin.auth)
        .set('Content-Type', 'application/json')
        .send(`{"address":${deepObject}}`);
      expectProblem(response, 400, 'REQUEST.TOO_DEEP');
      await api.http.get('/api/v1/me').set('Authorization', admin.auth).expect(200);
    });

    it('accepts the nesting real requests use (32 levels at most)', async () => {
      const thirtyTwo = '{"a":'.repeat(31) + '1' + '}'.repeat(31);
      const response = await api.http
        .post('/api/v1/customers')
        .set('Authorization', admin.auth)
        .set('Content-Type', 'application/json')
        .send(`{"extra":${thirtyTwo}}`);
      // 32 levels pass the shape check and reach validation, which refuses the unknown field.
      expectProblem(response, 400, 'REQUEST.VALIDATION_FAILED');
      const thirtyThree = '{"a":'.repeat(32) + '1' + '}'.repeat(32);
      const tooDeep = await api.http
        .post('/api/v1/customers')
        .set('Authorization', admin.auth)
        .set('Content-Type', 'application/json')
        .send(`{"extra":${thirtyThree}}`);
      expectProblem(tooDeep, 400, 'REQUEST.TOO_DEEP');
    });

    it('is a 400 when a body holds too many values', async () => {
      const response = await api.http
        .post('/api/v1/groups/01900000-0000-7000-8000-000000000000/members')
        .set('Authorization', admin.auth)
        .send({ customerIds: Array.from({ length: 10_001 }, () => 0) });
      expectProblem(response, 400, 'REQUEST.TOO_LARGE');
    });

    it.each(['__proto__', 'constructor', 'prototype'])('treats a %s key as an unknown field (400), at any depth', async (key) => {
      const top = await api.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"username":"a","password":"b","${key}":{"isAdmin":true}}`);
      expectProblem(top, 400, 'REQUEST.VALIDATION_FAILED');
      expect(top.body.errors).toEqual([{ field: key, code: 'UNKNOWN_FIELD', message: `${key} 不是可识别的字段` }]);
      const deep = await api.http
        .post('/api/v1/customers')
        .set('Authorization', admin.auth)
        .set('Content-Type', 'application/json')
        .send(`{"kind":"enterprise","name":"原型污染测试","tags":[{"${key}":{"polluted":true}}]}`);
      expectProblem(deep, 400, 'REQUEST.VALIDATION_FAILED');
      expect(deep.body.errors[0].field).toBe(`tags.0.${key}`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});
