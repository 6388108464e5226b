import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Locale } from '../i18n/messages.js';
import { RequestContext } from './request-context.js';

/** Distinct Accept-Language values remembered; clients send a handful, so the table is cleared rather than aged. */
const MAX_NEGOTIATED = 256;

/**
 * Our language for the request's Accept-Language (negotiated by Express); the default when it names none of ours.
 * Negotiation parses the header on every call, and clients send the same few values on every request, so each
 * value's answer is remembered (per middleware, since the default may differ between applications).
 */
function localeNegotiator(fallback: Locale): (request: Request) => Locale {
  const known = new Map<string, Locale>();
  return (request) => {
    const header = request.header('accept-language');
    if (!header) return fallback;
    const remembered = known.get(header);
    if (remembered) return remembered;
    const best = request.acceptsLanguages('zh-CN', 'zh', 'en');
    const locale: Locale = best === 'en' ? 'en' : best ? 'zh-CN' : fallback;
    if (known.size >= MAX_NEGOTIATED) known.clear();
    known.set(header, locale);
    return locale;
  };
}

const VALID_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives every request a correlation id (the caller's `X-Request-Id` when sane), echoes it back,
 * and logs one JSON line when the response is finished.
 */
export function requestContextMiddleware(logger: Logger, defaultLocale: Locale) {
  const localeOf = localeNegotiator(defaultLocale);
  return (request: Request, response: Response, next: NextFunction): void => {
    const incoming = request.header('x-request-id');
    const correlationId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', correlationId);
    const started = process.hrtime.bigint();
    const locale = localeOf(request);
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
