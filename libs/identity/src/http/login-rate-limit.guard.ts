import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig, ProblemException, TransactionHost } from '@crm/platform';

const WINDOW_SECONDS = 60;
/** Expired counters are deleted at most this often, by whichever request comes along. */
const PURGE_EVERY_MS = 5 * 60_000;

/**
 * Slows password guessing: at most CRM_LOGIN_RATE_LIMIT attempts (default 10) per minute for one
 * client address and username, so one user cannot lock out another. Counted in the database
 * (identity.login_attempts), so every API replica draws on the same budget.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterPostgres;
  private lastPurge = Date.now();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tx: TransactionHost,
  ) {
    this.limiter = new RateLimiterPostgres({
      // The store's queries run outside any transaction, on the application's own pool (or the embedded database).
      storeClient: { query: ({ text, values }: { text: string; values?: unknown[] }) => this.tx.execute(text, values ?? []) },
      storeType: 'client',
      schemaName: 'identity',
      tableName: 'login_attempts',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'login',
      points: config.loginRateLimit,
      duration: WINDOW_SECONDS,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    try {
      await this.limiter.consume(`${request.ip}:${usernameOf(request.body)}`);
      this.purgeNowAndThen();
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new ProblemException(429, 'REQUEST.RATE_LIMITED', `Too many login attempts; retry in ${retryAfter} s.`, undefined, {
        retryAfterSeconds: retryAfter,
      });
    }
  }

  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.tx.execute(`DELETE FROM identity.login_attempts WHERE expire < $1`, [Date.now() - WINDOW_SECONDS * 1000]).catch(() => undefined);
  }
}

/** The username as a counter key: case-insensitive, bounded, printable (the body is not validated yet). */
function usernameOf(body: unknown): string {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string'
    ? username
        .toLowerCase()
        .slice(0, 64)
        .replace(/\p{Cc}/gu, '')
    : '';
}
