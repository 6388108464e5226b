import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Response } from 'express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentProblemsAndHeaders } from './problem-documentation.js';

const DESCRIPTION = `
CRM backend for sales teams: customers [客户], contacts [联系人], the public pool [公海] with
claims [申领] and protection [保护], approvals [审批], contracts [合同], orders [订单] and
service tickets [工单].

**Getting started:** \`POST /api/v1/auth/login\` with a demo login (see the README), copy
\`accessToken\`, press **Authorize** and paste it.

**Conventions**
- Errors are \`application/problem+json\` (RFC 9457) with a stable \`code\`; validation errors list
  each field in \`errors\`. Unknown body fields and query parameters are rejected (400); a method a
  path does not support is 405 with \`Allow\`.
- Every list answers \`{ items, nextCursor }\`: pass \`nextCursor\` back as \`cursor\` until it is
  null (short lists come whole, with \`nextCursor: null\`).
- POSTs that create or act accept \`Idempotency-Key\`: a replay returns the first response
  (header \`Idempotent-Replayed: true\`), the same key with another body is 422, while the first
  is still running 409.
- Single resources carry an \`ETag\`; send it back as \`If-Match\` on updates (412 when stale).
- Objects outside your data scope [数据权限] answer 404, exactly as if they did not exist.
- Every change is a domain event: \`GET /api/v1/events\`, NATS JetStream subjects
  \`crm.<type>\`, or webhooks; every event type and payload is in the AsyncAPI catalogue at
  [/asyncapi.yaml](/asyncapi.yaml).
`.trim();

export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CRM API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return documentProblemsAndHeaders(withUuidPathIds(withClientOperationIds(document)));
}

/**
 * Operation ids a generated client reads well: the handler's name (`claim`, `login`) where it is
 * unique, else the name with its controller (`listCustomers`, `listPools`).
 */
function withClientOperationIds(document: OpenAPIObject): OpenAPIObject {
  const operations = Object.values(document.paths).flatMap((item) =>
    Object.values(item).filter((operation): operation is { operationId: string } => typeof operation?.operationId === 'string'),
  );
  const parts = (id: string) => {
    const [controller = '', method = id] = id.split('_');
    return { controller, method };
  };
  const counts = new Map<string, number>();
  for (const operation of operations) counts.set(parts(operation.operationId).method, (counts.get(parts(operation.operationId).method) ?? 0) + 1);
  for (const operation of operations) {
    const { controller, method } = parts(operation.operationId);
    operation.operationId = counts.get(method) === 1 ? method : `${method}${controller}`;
  }
  return document;
}

/**
 * Path parameters named `id` or `<thing>Id` are uuids: every route validates them with `UuidParam`
 * (a non-uuid answers 400), so the document says `format: uuid` for them, as it does for id properties.
 */
function withUuidPathIds(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths))
    for (const operation of Object.values(item) as { parameters?: { in?: string; name?: string; schema?: Record<string, unknown> }[] }[]) {
      if (!operation || typeof operation !== 'object' || !Array.isArray(operation.parameters)) continue;
      for (const parameter of operation.parameters)
        if (parameter.in === 'path' && /^(id|[a-z][A-Za-z]*Id)$/.test(parameter.name ?? ''))
          parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
    }
  return document;
}

/** The AsyncAPI catalogue of domain events, as committed (openapi/asyncapi.yaml). */
const ASYNCAPI_FILE = resolve(process.cwd(), 'openapi', 'asyncapi.yaml');

/** Swagger UI at /docs, the spec at /docs-json, the event catalogue at /asyncapi.yaml. */
export function setupSwagger(app: INestApplication): OpenAPIObject {
  const document = createOpenApiDocument(app);
  const http = app.getHttpAdapter();
  http.get('/asyncapi.yaml', (_request: unknown, response: Response) => {
    if (!existsSync(ASYNCAPI_FILE))
      return response
        .status(404)
        .type('application/problem+json')
        .send(JSON.stringify({ status: 404, code: 'ROUTE.NOT_FOUND' }));
    response.type('application/yaml').send(readFileSync(ASYNCAPI_FILE, 'utf8'));
  });
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
  return document;
}
