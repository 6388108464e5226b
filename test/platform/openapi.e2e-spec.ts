import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TestApp } from '../support/test-app.js';

interface Operation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
  parameters?: { name: string; in: string }[];
}

describe('Swagger console and the committed OpenAPI document', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(() => api.close());

  it('serves at /docs-json exactly the committed openapi/openapi.json (run `npm run openapi` after API changes)', async () => {
    const served = await api.http.get('/docs-json').expect(200);
    const committed = JSON.parse(readFileSync(resolve('openapi/openapi.json'), 'utf8'));
    expect(served.body).toEqual(committed);
  });

  it('serves the Swagger UI at /docs', async () => {
    const page = await api.http.get('/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui');
  });

  it('documents every operation: a summary, its success, and its problems as application/problem+json', async () => {
    const { body } = await api.http.get('/docs-json').expect(200);
    const operations = Object.entries(body.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const { name, operation } of operations) {
      expect([name, Boolean(operation.summary)]).toEqual([name, true]);
      const statuses = Object.keys(operation.responses);
      expect([name, statuses.some((status) => status.startsWith('2'))]).toEqual([name, true]);
      const isPublic = name.includes('/auth/login') || name.startsWith('GET /health') || name.includes(' /api/v1/public/');
      if (!isPublic) expect([name, statuses]).toEqual([name, expect.arrayContaining(['401'])]);
      for (const status of statuses.filter((code) => code.startsWith('4'))) {
        expect([name, status, Object.keys(operation.responses[status]!.content ?? {})]).toEqual([name, status, ['application/problem+json']]);
      }
    }
  });

  it('names operations the way a generated client reads them, one id each, and states its license', async () => {
    const { body } = await api.http.get('/docs-json').expect(200);
    const ids = Object.values(body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['claim', 'login', 'listCustomers']));
    expect(body.info.license).toMatchObject({ name: 'MIT' });
  });

  it('serves the AsyncAPI catalogue of domain events at /asyncapi.yaml, linked from the console', async () => {
    const served = await api.http.get('/asyncapi.yaml').expect(200);
    expect(served.headers['content-type']).toContain('application/yaml');
    expect(served.text).toBe(readFileSync(resolve('openapi/asyncapi.yaml'), 'utf8'));
    const { body } = await api.http.get('/docs-json').expect(200);
    expect(body.info.description).toContain('/asyncapi.yaml');
  });

  it('reports liveness and database readiness at /health without a token', async () => {
    const health = await api.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', live: true, database: 'up', pendingEvents: expect.any(Number) });
  });
});
