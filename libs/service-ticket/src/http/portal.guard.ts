import { Inject, Injectable, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { ProblemException, TransactionHost } from '@crm/platform';
import type { PortalVisitor } from '../application/ticket-principal.js';
import { PortalTokenStore } from '../infrastructure/portal-token.store.js';

/** Self-service calls per client address and minute, across every public ticket route. */
const PER_ADDRESS_PER_MINUTE = 300;
/** Calls per portal token and minute. */
const PER_TOKEN_PER_MINUTE = 60;
/** Phone + order number verifications per client address per quarter hour (guessing is slow). */
const VERIFICATIONS_PER_ADDRESS = 10;
const VERIFICATION_WINDOW_SECONDS = 15 * 60;

/** Expired counters are deleted at most this often, by whichever request comes along. */
const PURGE_EVERY_MS = 5 * 60_000;

const VERIFICATION_ROUTE = 'ticket:portal-verification';
/** Marks the route where a visitor verifies by phone and order number: no token yet, a stricter limit. */
export const PortalVerification = () => SetMetadata(VERIFICATION_ROUTE, true);

type PortalRequest = Request & { portalVisitor?: PortalVisitor };

export const CurrentVisitor = createParamDecorator((_: unknown, context: ExecutionContext): PortalVisitor => {
  return context.switchToHttp().getRequest<PortalRequest>().portalVisitor!;
});

/**
 * Guards the self-service ticket routes [自助服务]: rate limited in PostgreSQL per client address and
 * per token (so every API replica draws on one budget), and authenticated by a portal token sent
 * as `Authorization: Bearer pt_…`. A missing, expired or unknown token is one 401 for all.
 */
@Injectable()
export class PortalGuard implements CanActivate {
  private readonly perAddress: RateLimiterPostgres;
  private readonly perToken: RateLimiterPostgres;
  private readonly verifications: RateLimiterPostgres;
  private lastPurge = Date.now();

  constructor(
    private readonly tx: TransactionHost,
    private readonly tokens: PortalTokenStore,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPostgres({
        storeClient: { query: ({ text, values }: { text: string; values?: unknown[] }) => this.tx.execute(text, values ?? []) },
        storeType: 'client',
        schemaName: 'service_ticket',
        tableName: 'public_requests',
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix,
        points,
        duration,
      });
    this.perAddress = limiter('portal-address', PER_ADDRESS_PER_MINUTE, 60);
    this.perToken = limiter('portal-token', PER_TOKEN_PER_MINUTE, 60);
    this.verifications = limiter('portal-verify', VERIFICATIONS_PER_ADDRESS, VERIFICATION_WINDOW_SECONDS);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const address = request.ip ?? 'unknown';
    await this.consume(this.perAddress, address, response);
    this.purgeNowAndThen();
    if (this.reflector.getAllAndOverride<boolean>(VERIFICATION_ROUTE, [context.getHandler(), context.getClass()])) {
      await this.consume(this.verifications, address, response);
      return true;
    }
    const token = /^Bearer\s+(pt_[A-Za-z0-9_-]{20,100})$/.exec(request.header('authorization') ?? '')?.[1];
    const visitor = token ? await this.tokens.resolve(token) : null;
    if (!visitor) throw new ProblemException(401, 'TICKET.PORTAL_TOKEN_INVALID', 'A valid self-service token is required (Authorization: Bearer pt_…).');
    await this.consume(this.perToken, visitor.tokenId, response);
    request.portalVisitor = visitor;
    return true;
  }

  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.tx.execute(`DELETE FROM service_ticket.public_requests WHERE expire < $1`, [Date.now()]).catch(() => undefined);
  }

  private async consume(limiter: RateLimiterPostgres, key: string, response: Response): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      response.setHeader('Retry-After', String(retryAfter));
      throw new ProblemException(429, 'REQUEST.RATE_LIMITED', `Too many requests; retry in ${retryAfter} s.`, undefined, { retryAfterSeconds: retryAfter });
    }
  }
}
