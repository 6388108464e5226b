import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { requestContextMiddleware } from '../context/request-context.middleware.js';
import { problemDocument } from '../errors/problem-details.filter.js';
import { ProblemException } from '../errors/request-errors.js';
import { interceptIdempotentPosts } from '../idempotency/idempotency.interceptor.js';
import { corsOptionsFor, varyOnOrigin } from './cors.js';
import { jsonShapeLimits } from './json-shape.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { createValidationPipe } from './validation.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Paths that take file uploads (multipart/form-data), each declared by its context. */
const MULTIPART_PATHS = new Set<string>();
/** The same for paths with ids in them (`/api/v1/contracts/{id}/attachments`). */
const MULTIPART_PATTERNS: RegExp[] = [];

/** Declares a route that takes a file upload as multipart/form-data (e.g. lead imports, contract attachments); every other body stays JSON. */
export function acceptMultipartAt(path: string | RegExp): void {
  if (typeof path === 'string') MULTIPART_PATHS.add(path);
  else MULTIPART_PATTERNS.push(path);
}

/** Bodies must be JSON: anything else is a 415 rather than an empty object that fails validation. */
function requireJsonBodies(request: Request, response: Response, next: NextFunction): void {
  // Reads (most requests) and bodiless writes have nothing to check.
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!BODY_METHODS.has(request.method) || !hasBody) return next();
  const declared = MULTIPART_PATHS.has(request.path) || MULTIPART_PATTERNS.some((pattern) => pattern.test(request.path));
  const upload = declared && request.is('multipart/form-data') !== false;
  if (!upload && !request.is(['application/json', 'application/*+json'])) {
    const problem = problemDocument(new ProblemException(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'), request.originalUrl);
    response.status(415).type('application/problem+json').send(JSON.stringify(problem));
    return;
  }
  next();
}

/** Body parser failures (malformed JSON, too large) happen before Nest's filters: answer them here. */
function bodyParserProblems(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) return next(error);
  const problem = problemDocument(error, request.originalUrl);
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** HTTP concerns shared by the running API and the tests: one configuration, so tests see what users get. */
export function configureHttp(app: INestApplication, config: AppConfig, logger: Logger): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  express.use(requestContextMiddleware(logger, config.defaultLocale));
  express.use(helmet({ contentSecurityPolicy: false }));
  // Browsers: preflights from allowed origins end here with 204; others get no CORS headers.
  express.use(varyOnOrigin(config));
  express.enableCors(corsOptionsFor(config));
  express.use(methodNotAllowed(express));
  express.use(requireJsonBodies);
  express.useBodyParser('json', { limit: config.bodyLimit, type: ['application/json', 'application/*+json'] });
  express.use(jsonShapeLimits);
  express.use(bodyParserProblems);
  app.useGlobalPipes(createValidationPipe());
  interceptIdempotentPosts(app);
  app.enableShutdownHooks();
}
