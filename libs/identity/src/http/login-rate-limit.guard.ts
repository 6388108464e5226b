import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig, PostgresRateLimiter, TransactionHost } from '@crm/platform';

/**
 * Slows password guessing: at most CRM_LOGIN_RATE_LIMIT attempts (default 10) per minute for one
 * client address and username, so one user cannot lock out another. Counted in the database
 * through the platform's limiter (identity.login_attempts), so every API replica draws on the same
 * budget; 429 with Retry-After beyond it.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly limiter: PostgresRateLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    tx: TransactionHost,
  ) {
    this.limiter = new PostgresRateLimiter(tx, { schema: 'identity', name: 'login_attempts' });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    await this.limiter.enforce((retryAfter) => `Too many login attempts; retry in ${retryAfter} s.`, {
      kind: 'login',
      key: `${request.ip}:${usernameOf(request.body)}`,
      points: this.config.loginRateLimit,
    });
    return true;
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
