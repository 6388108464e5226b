import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Locale } from '../i18n/messages.js';
import { RequestContext } from './request-context.js';

/** Our language for the request's Accept-Language (negotiated by Express); the default when it names none of ours. */
function localeOf(request: Request, fallback: Locale): Locale {
  if (!request.header('accept-language')) return fallback;
  const best = request.acceptsLanguages('zh-CN', 'zh', 'en');
  return best === 'en' ? 'en' : best ? 'zh-CN' : fallback;
}

const VALID_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives every request a correlation id (the caller's `X-Request-Id` when sane), echoes it back,
 * and logs one JSON line when the response is finished.
 */
export function requestContextMiddleware(logger: Logger, defaultLocale: Locale) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const incoming = request.header('x-request-id');
    const correlationId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', correlationId);
    const started = process.hrtime.bigint();
    const locale = localeOf(request, defaultLocale);
    response.setHeader('Content-Language', locale);
    RequestContext.run({ correlationId, locale }, () => {
      const context = RequestContext.current();
      response.on('finish', () => {
        logger.info(
          {
            correlationId,
            actorId: context?.actorId,
            method: request.method,
            path: request.originalUrl,
            status: response.statusCode,
            durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          },
          'request',
        );
      });
      next();
    });
  };
}
