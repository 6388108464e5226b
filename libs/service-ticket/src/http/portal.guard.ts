import { Inject, Injectable, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PostgresRateLimiter, ProblemException, TransactionHost, type RateLimitCheck } from '@crm/platform';
import type { PortalVisitor } from '../application/ticket-principal.js';
import { PortalTokenStore } from '../infrastructure/portal-token.store.js';

/** Self-service calls per client address and minute, across every public ticket route. */
const PER_ADDRESS_PER_MINUTE = 300;
/** Calls per portal token and minute. */
const PER_TOKEN_PER_MINUTE = 60;
/** Phone + order number verifications per client address per quarter hour (guessing is slow). */
const VERIFICATIONS_PER_ADDRESS = 10;
const VERIFICATION_WINDOW_SECONDS = 15 * 60;

const VERIFICATION_ROUTE = 'ticket:portal-verification';
/** Marks the route where a visitor verifies by phone and order number: no token yet, a stricter limit. */
export const PortalVerification = () => SetMetadata(VERIFICATION_ROUTE, true);

type PortalRequest = Request & { portalVisitor?: PortalVisitor };

export const CurrentVisitor = createParamDecorator((_: unknown, context: ExecutionContext): PortalVisitor => {
  return context.switchToHttp().getRequest<PortalRequest>().portalVisitor!;
});

/**
 * Guards the self-service ticket routes [自助服务]: rate limited in PostgreSQL per client address and
 * per token through the platform's limiter (service_ticket.public_requests, so every API replica
 * draws on one budget; 429 with Retry-After beyond it), and authenticated by a portal token sent
 * as `Authorization: Bearer pt_…`. A missing, expired or unknown token is one 401 for all. The
 * verification route draws on the address's minute and its quarter-hour of verifications in one
 * statement; other routes on the address's minute, then (once the token is known) the token's.
 */
@Injectable()
export class PortalGuard implements CanActivate {
  private readonly limiter: PostgresRateLimiter;

  constructor(
    tx: TransactionHost,
    private readonly tokens: PortalTokenStore,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.limiter = new PostgresRateLimiter(tx, { schema: 'service_ticket', name: 'public_requests' });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    const address: RateLimitCheck = { kind: 'portal-address', key: request.ip ?? 'unknown', points: PER_ADDRESS_PER_MINUTE };
    if (this.reflector.getAllAndOverride<boolean>(VERIFICATION_ROUTE, [context.getHandler(), context.getClass()])) {
      await this.limiter.enforce(tooMany, address, {
        kind: 'portal-verify',
        key: address.key,
        points: VERIFICATIONS_PER_ADDRESS,
        windowSeconds: VERIFICATION_WINDOW_SECONDS,
      });
      return true;
    }
    await this.limiter.enforce(tooMany, address);
    const token = /^Bearer\s+(pt_[A-Za-z0-9_-]{20,100})$/.exec(request.header('authorization') ?? '')?.[1];
    const visitor = token ? await this.tokens.resolve(token) : null;
    if (!visitor) throw new ProblemException(401, 'TICKET.PORTAL_TOKEN_INVALID', 'A valid self-service token is required (Authorization: Bearer pt_…).');
    await this.limiter.enforce(tooMany, { kind: 'portal-token', key: visitor.tokenId, points: PER_TOKEN_PER_MINUTE });
    request.portalVisitor = visitor;
    return true;
  }
}

const tooMany = (retryAfter: number) => `Too many requests; retry in ${retryAfter} s.`;
