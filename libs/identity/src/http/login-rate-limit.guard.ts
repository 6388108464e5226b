import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig, ProblemException } from '@crm/platform';

/**
 * Slows password guessing: at most CRM_LOGIN_RATE_LIMIT attempts (default 10) per minute for one
 * client address and username, so one user cannot lock out another. Counted per process.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiterMemory({ points: config.loginRateLimit, duration: 60 });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const username = typeof request.body?.username === 'string' ? request.body.username.toLowerCase() : '';
    try {
      await this.limiter.consume(`${request.ip}:${username}`);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.ceil(rejection.msBeforeNext / 1000);
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new ProblemException(429, 'REQUEST.RATE_LIMITED', `Too many login attempts; retry in ${retryAfter} s.`, undefined, {
        retryAfterSeconds: retryAfter,
      });
    }
  }
}
