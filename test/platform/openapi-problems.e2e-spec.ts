import { randomUUID } from 'node:crypto';
import { TestApp, type TestUser } from '../support/test-app.js';

type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; enum?: string[]; required?: string[] };
interface Response {
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: Schema; examples?: Record<string, { value: Record<string, unknown> }>; example?: Record<string, unknown> }>;
}
interface Operation {
  parameters?: ({ name?: string; $ref?: string } & Record<string, unknown>)[];
  responses: Record<string, Response>;
}
type Document = { paths: Record<string, Record<string, Operation>>; components: { parameters: Record<string, { name: string }> } };

/** The codes and extra members a problem response documents (allOf: the problem base and what this response adds). */
function documented(response: Response | undefined): { codes: string[]; members: string[] } {
  const extra = response?.content?.['application/problem+json']?.schema?.allOf?.[1];
  return { codes: extra?.properties?.code?.enum ?? [], members: Object.keys(extra?.properties ?? {}).filter((name) => name !== 'code') };
}

/**
 * The OpenAPI document tells a generated client what the API answers: per status the problem codes that can
 * occur, their extra members, one example per code with that status; the response headers; Idempotency-Key
 * on every POST (the interceptor honours it on all of them). Checked on the document and against real answers.
 */
describe('OpenAPI: problems per code, response headers, Idempotency-Key', () => {
  let api: TestApp;
  let doc: Document;
  let admin: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    doc = (await api.http.get('/docs-json').expect(200)).body as Document;
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

  it('gives each status its own examples: the status they show is the response status and their code is one it lists', () => {
    let examples = 0;
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const problem = response.content?.['application/problem+json'];
        if (!problem?.examples) continue;
        const { codes } = documented(response);
        for (const example of Object.values(problem.examples)) {
          examples++;
          expect([method, path, status, example.value.status]).toEqual([method, path, status, Number(status)]);
          expect([method, path, status, codes.includes(example.value.code as string)]).toEqual([method, path, status, true]);
        }
        if (status !== '409') expect([method, path, status, codes.includes('CUSTOMER.DUPLICATE')]).toEqual([method, path, status, false]);
      }
    }
    expect(examples).toBeGreaterThan(300);
  });

  it('documents the extra members of the codes that carry them', () => {
    const claim = doc.paths['/api/v1/pool/customers/{id}/claims']!.post!;
    expect(documented(claim.responses['403'])).toEqual({
      codes: ['AUTH.FORBIDDEN', 'POOL.CLAIM_REQUIRES_APPROVAL'],
      members: expect.arrayContaining(['apply', 'grade', 'missingPermissions']),
    });
    expect(claim.responses['403']!.content!['application/problem+json']!.examples!['POOL.CLAIM_REQUIRES_APPROVAL']!.value).toMatchObject({
      status: 403,
      apply: { method: 'POST', body: { applyIfNotPermitted: true } },
    });
    // The accepted claim's example is an application, not a protection.
    expect(claim.responses['202']!.content!['application/json']!.example).toMatchObject({ status: 'pending-approval' });
    expect(claim.responses['201']!.content!['application/json']!.example).toMatchObject({ status: 'protected' });
    expect(documented(doc.paths['/api/v1/customers']!.post!.responses['409']).members).toContain('candidates');
    expect(documented(doc.paths['/api/v1/opportunities/{id}/stage-changes']!.post!.responses['422']).members).toContain('missingFields');
    expect(documented(doc.paths['/api/v1/opportunities/{id}/stage-changes']!.post!.responses['409']).members).toContain('opportunityStatus');
    expect(documented(doc.paths['/api/v1/customers/{id}']!.patch!.responses['412'])).toEqual({ codes: ['PRECONDITION_FAILED'], members: ['currentETag'] });
    expect(documented(doc.paths['/api/v1/auth/login']!.post!.responses['429']).members).toContain('retryAfterSeconds');
    expect(doc.paths['/api/v1/auth/login']!.post!.responses['429']!.headers).toHaveProperty('Retry-After');
  });

  it('documents Idempotency-Key on every POST, Idempotent-Replayed on its successes, Location and ETag on creations', () => {
    const posts = operations().filter(({ method }) => method === 'post');
    expect(posts.length).toBeGreaterThan(40);
    for (const { path, operation } of posts) {
      const parameters = (operation.parameters ?? []).map((parameter) => parameter.name ?? doc.components.parameters[parameter.$ref!.split('/').pop()!]!.name);
      expect([path, parameters.filter((name) => name === 'Idempotency-Key')]).toEqual([path, ['Idempotency-Key']]);
      for (const [status, response] of Object.entries(operation.responses).filter(([code]) => code.startsWith('2'))) {
        expect([path, status, Object.keys(response.headers ?? {})]).toEqual([path, status, expect.arrayContaining(['Idempotent-Replayed', 'X-Request-Id'])]);
        if (status === '201') expect([path, Object.keys(response.headers ?? {})]).toEqual([path, expect.arrayContaining(['Location', 'ETag'])]);
      }
    }
  });

  it('answers what it documents: codes, members and headers of real responses', async () => {
    const key = randomUUID();
    const create = () =>
      api.http.post('/api/v1/customers').set('Authorization', rep.auth).set('Idempotency-Key', key).send({ kind: 'enterprise', name: '文档核对有限公司' });
    const created = await create().expect(201);
    expect(created.headers).toMatchObject({ location: expect.any(String), etag: expect.any(String) });
    const replayed = await create().expect(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const reused = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .set('Idempotency-Key', key)
      .send({ kind: 'enterprise', name: '另一家有限公司' })
      .expect(422);
    expect(documented(doc.paths['/api/v1/customers']!.post!.responses['422']).codes).toContain(reused.body.code);

    const single = await api.http.get(`/api/v1/customers/${created.body.id}`).set('Authorization', rep.auth).expect(200);
    expect(single.headers.etag).toBeDefined();
    expect(doc.paths['/api/v1/customers/{id}']!.get!.responses['200']!.headers).toHaveProperty('ETag');

    const duplicate = await api.http
      .post('/api/v1/customers')
      .set('Authorization', rep.auth)
      .send({ kind: 'enterprise', name: '文档核对有限公司' })
      .expect(409);
    expect(documented(doc.paths['/api/v1/customers']!.post!.responses['409']).codes).toContain(duplicate.body.code);
    expect(duplicate.body.candidates).toHaveLength(1);

    const missing = await api.http.get(`/api/v1/opportunities/${randomUUID()}`).set('Authorization', rep.auth).expect(404);
    expect(documented(doc.paths['/api/v1/opportunities/{id}']!.get!.responses['404']).codes).toEqual([missing.body.code]);

    const forbidden = await api.http.post('/api/v1/pipelines').set('Authorization', rep.auth).send({ name: 'x', stages: [] }).expect(403);
    expect(forbidden.body.missingPermissions).toEqual(['opportunity:manage']);
    expect(documented(doc.paths['/api/v1/pipelines']!.post!.responses['403'])).toMatchObject({ codes: [forbidden.body.code], members: ['missingPermissions'] });

    const stale = await api.http.patch(`/api/v1/customers/${created.body.id}`).set('Authorization', admin.auth).set('If-Match', '"99"').send({ city: '上海' });
    expect(stale.status).toBe(412);
    expect(Object.keys(stale.body)).toEqual(expect.arrayContaining(documented(doc.paths['/api/v1/customers/{id}']!.patch!.responses['412']).members));
  });

  it('documents X-Request-Id on every response, problems included, and real problems carry it', async () => {
    for (const { path, method, operation } of operations())
      for (const [status, response] of Object.entries(operation.responses))
        expect([method, path, status, Object.keys(response.headers ?? {})]).toEqual([method, path, status, expect.arrayContaining(['X-Request-Id'])]);

    const unauthenticated = await api.http.get('/api/v1/customers').expect(401);
    expect(unauthenticated.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unauthenticated.headers['x-request-id']).toEqual(expect.any(String));
    expect(doc.paths['/api/v1/customers']!.get!.responses['401']!.headers).toHaveProperty('X-Request-Id');

    const sent = await api.http.get('/api/v1/customers/not-a-uuid').set('Authorization', rep.auth).set('X-Request-Id', 'trace-42').expect(400);
    expect(sent.headers['x-request-id']).toBe('trace-42');
    expect(doc.paths['/api/v1/customers/{id}']!.get!.responses['400']!.headers).toHaveProperty('X-Request-Id');

    const health = await api.http.get('/health?verbose=1').expect(400);
    expect(health.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(health.headers['x-request-id']).toEqual(expect.any(String));
    expect(documented(doc.paths['/health']!.get!.responses['400']).codes).toContain('REQUEST.VALIDATION_FAILED');
  });
});
