import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

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
- Every change is a domain event: \`GET /api/v1/events\`, or NATS JetStream subjects
  \`crm.<type>\` (see openapi/asyncapi.yaml).
`.trim();

export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('CRM API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Swagger UI at /docs, the spec at /docs-json. */
export function setupSwagger(app: INestApplication): OpenAPIObject {
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
  return document;
}
