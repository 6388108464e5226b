import type { CorsOptions, CorsOptionsDelegate } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';

/** Routes any web page may call (web forms, self-service tickets): every origin, never credentials. */
export const PUBLIC_API_PREFIX = '/api/v1/public/';

/** Response headers a browser script may read. */
const EXPOSED_HEADERS = ['ETag', 'Location', 'X-Request-Id', 'Idempotent-Replayed', 'Retry-After'];
/** Request headers a browser script may send. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'Accept-Language', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-Request-Id'];
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Browsers may reuse a preflight answer for ten minutes. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Which origin a request is answered for: any on public routes, else the configured list (or any
 * with `*`). A disallowed origin gets no CORS headers at all, so the browser refuses the response.
 */
export function corsOptionsFor(config: Pick<AppConfig, 'corsOrigins' | 'corsCredentials'>): CorsOptionsDelegate<Request> {
  const anyOrigin = config.corsOrigins.includes('*');
  const allowed = new Set(config.corsOrigins);
  return (request, callback) => {
    const origin = request.headers.origin;
    const publicRoute = request.path.startsWith(PUBLIC_API_PREFIX);
    const options: CorsOptions = {
      methods: ALLOWED_METHODS,
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
      credentials: !publicRoute && config.corsCredentials,
      origin: publicRoute || anyOrigin ? '*' : origin !== undefined && allowed.has(origin) ? origin : false,
    };
    callback(null, options);
  };
}

/**
 * The answer depends on the Origin header whenever the list is not `*`: say so on every response,
 * allowed or not, so a shared cache never hands one origin's answer to another.
 */
export function varyOnOrigin(config: Pick<AppConfig, 'corsOrigins'>) {
  const anyOrigin = config.corsOrigins.includes('*');
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!anyOrigin && !request.path.startsWith(PUBLIC_API_PREFIX)) response.vary('Origin');
    next();
  };
}
