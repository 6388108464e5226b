import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { PostgresRateLimiter, TransactionHost } from '@crm/platform';

/** Public knowledge requests (suggestions, articles, feedback) one client address may make per minute. */
export const PUBLIC_KNOWLEDGE_REQUESTS_PER_MINUTE = 60;

/**
 * The self-service knowledge routes need no login, so they are rate limited per client address,
 * counted in PostgreSQL through the platform's limiter (service_ticket.knowledge_public_requests)
 * so every API replica shares the budget; 429 with Retry-After beyond it.
 */
@Injectable()
export class PublicKnowledgeRateLimitGuard implements CanActivate {
  private readonly limiter: PostgresRateLimiter;

  constructor(tx: TransactionHost) {
    this.limiter = new PostgresRateLimiter(tx, { schema: 'service_ticket', name: 'knowledge_public_requests' });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    await this.limiter.enforce((retryAfter) => `Too many requests; retry in ${retryAfter} s.`, {
      kind: 'knowledge',
      key: request.ip ?? 'unknown',
      points: PUBLIC_KNOWLEDGE_REQUESTS_PER_MINUTE,
    });
    return true;
  }
}
