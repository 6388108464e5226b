import { TestApp, type TestUser } from '../support/test-app.js';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  example?: unknown;
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** GETs without path parameters that answer one thing, not a collection. Adding one here is a decision. */
const SINGLE_RESOURCES = new Set([
  '/health',
  '/api/v1/me',
  '/api/v1/customer-grade-policy',
  '/api/v1/lead-scoring-rules',
  '/api/v1/contract-settings',
  '/api/v1/notifications/unread-count',
  // Sales reports [销售报表]: one computed answer each, not lists to page through.
  '/api/v1/opportunities/funnel',
  '/api/v1/opportunities/forecast',
  '/api/v1/opportunities/forecast-accuracy',
  '/api/v1/leaderboard',
  '/api/v1/reports/lead-channels',
  '/api/v1/reports/lead-closures',
]);
/** Reports that carry a sample of items with a total: not lists to page through. */
const REPORTS = new Set(['/api/v1/pools/{id}/recycle-preview', '/api/v1/reports/lead-channels', '/api/v1/reports/lead-closures']);

/**
 * One list shape everywhere: every collection answers `{ items, nextCursor }`, never a bare array,
 * so a front end pages through any list with the same loop. Walks the running app's own OpenAPI
 * document, so a new list endpoint is checked the day it is added.
 */
describe('One list shape everywhere', () => {
  let api: TestApp;
  let admin: TestUser;
  let document: OpenApi;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    document = (await api.http.get('/docs-json').expect(200)).body as OpenApi;
  });
  afterAll(() => api.close());

  const resolve = (schema: Schema | undefined): Schema | undefined => (schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema);

  const gets = () =>
    Object.entries(document.paths)
      .filter(([, methods]) => methods.get)
      .map(([path, methods]) => ({ path, operation: methods.get!, schema: resolve(methods.get!.responses['200']?.content?.['application/json']?.schema) }));

  it('documents no GET answering a bare array', () => {
    const arrays = gets()
      .filter(({ schema }) => schema?.type === 'array')
      .map(({ path }) => path);
    expect(arrays).toEqual([]);
  });

  it('documents every collection GET as { items: [...], nextCursor }', () => {
    const collections = gets().filter(({ path, schema }) => !path.includes('{') && schema?.type === 'object' && !SINGLE_RESOURCES.has(path));
    expect(collections.length).toBeGreaterThanOrEqual(15);
    for (const { path, schema } of collections) {
      expect([path, schema!.properties?.items?.type, Object.keys(schema!.properties ?? {})]).toEqual([
        path,
        'array',
        expect.arrayContaining(['items', 'nextCursor']),
      ]);
      expect([path, schema!.required]).toEqual([path, expect.arrayContaining(['items', 'nextCursor'])]);
    }
    // Lists under a resource (a customer's tags, a contact's employers) follow the same shape.
    for (const { path, schema } of gets().filter(({ path, schema }) => schema?.properties?.items && !REPORTS.has(path))) {
      expect([path, Object.keys(schema!.properties!)]).toEqual([path, expect.arrayContaining(['items', 'nextCursor'])]);
    }
  });

  it('answers every collection GET of the running app with { items, nextCursor }', async () => {
    // Self-service lists answer a portal token, not a staff login; their spec walks them.
    const collections = gets().filter(
      ({ path, schema }) => !path.includes('{') && schema?.type === 'object' && !SINGLE_RESOURCES.has(path) && !path.startsWith('/api/v1/public/'),
    );
    for (const { path, operation } of collections) {
      const query = Object.fromEntries(
        (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'query' && parameter.required)
          .map((parameter) => [parameter.name, String(parameter.schema?.enum?.[0] ?? parameter.schema?.example ?? 'x')]),
      );
      const response = await api.http.get(path).query(query).set('Authorization', admin.auth);
      expect([path, response.status]).toEqual([path, 200]);
      expect([path, Array.isArray(response.body.items), 'nextCursor' in response.body]).toEqual([path, true, true]);
    }
  });

  it('pages products by code with a cursor, and returns short lists whole with nextCursor null', async () => {
    const line = await api.http.post('/api/v1/product-lines').set('Authorization', admin.auth).send({ code: 'PAGING', name: '分页条线' }).expect(201);
    for (const code of ['PAGING-C', 'PAGING-A', 'PAGING-B']) {
      await api.http.post('/api/v1/products').set('Authorization', admin.auth).send({ productLineId: line.body.id, code, name: code }).expect(201);
    }
    const list = (cursor?: string) =>
      api.http
        .get('/api/v1/products')
        .query({ productLineId: line.body.id, limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', admin.auth)
        .expect(200);
    const first = await list();
    expect(first.body.items.map((product: { code: string }) => product.code)).toEqual(['PAGING-A', 'PAGING-B']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await list(first.body.nextCursor);
    expect(second.body).toEqual({ items: [expect.objectContaining({ code: 'PAGING-C' })], nextCursor: null });

    const lines = await api.http.get('/api/v1/product-lines').set('Authorization', admin.auth).expect(200);
    expect(lines.body).toEqual({ items: expect.arrayContaining([expect.objectContaining({ code: 'PAGING' })]), nextCursor: null });
  });

  it('pages groups by name', async () => {
    for (const name of ['乙组', 'Alpha', 'beta']) {
      await api.http.post('/api/v1/groups').set('Authorization', admin.auth).send({ name }).expect(201);
    }
    const first = await api.http.get('/api/v1/groups?limit=2').set('Authorization', admin.auth).expect(200);
    expect(first.body.items.map((group: { name: string }) => group.name)).toEqual(['Alpha', 'beta']);
    const rest = await api.http.get('/api/v1/groups').query({ limit: 2, cursor: first.body.nextCursor }).set('Authorization', admin.auth).expect(200);
    expect(rest.body).toEqual({ items: [{ id: expect.any(String), name: '乙组', members: 0 }], nextCursor: null });
  });
});
