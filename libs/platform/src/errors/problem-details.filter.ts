import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@crm/kernel';
import type { Request, Response } from 'express';
import { RequestContext } from '../context/request-context.js';
import { translate, type Locale } from '../i18n/messages.js';
import { ProblemException, type FieldError } from './request-errors.js';

/** RFC 9457 problem document; `code` is the stable field clients switch on. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  'not-found': 404,
  conflict: 409,
  'rule-violation': 422,
  forbidden: 403,
  'precondition-failed': 412,
  invalid: 400,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const GENERIC_CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'REQUEST.BODY_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
};

interface PgError {
  code?: string;
  constraint?: string;
}

type ProblemCore = Pick<ProblemDocument, 'status' | 'code' | 'detail' | 'errors'> & Record<string, unknown>;

function problemFor(error: unknown): ProblemCore {
  if (error instanceof DomainError) {
    // Details extend the document; they never override its standard members.
    return { ...(error.details ?? {}), status: STATUS_BY_KIND[error.kind], code: error.code, detail: error.message };
  }
  if (error instanceof ProblemException) {
    return {
      ...(error.extra ?? {}),
      status: error.getStatus(),
      code: error.code,
      detail: error.message,
      ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { status, code: GENERIC_CODES[status] ?? `HTTP_${status}`, detail: error.message };
  }
  const bodyParserError = error as { type?: string; status?: number };
  if (bodyParserError?.type === 'entity.parse.failed') {
    return { status: 400, code: 'REQUEST.MALFORMED_JSON', detail: 'The request body is not valid JSON.' };
  }
  if (bodyParserError?.type === 'entity.too.large') {
    return { status: 413, code: 'REQUEST.BODY_TOO_LARGE', detail: 'The request body is larger than allowed.' };
  }
  if (typeof bodyParserError?.status === 'number' && bodyParserError.status >= 400 && bodyParserError.status < 500) {
    const status = bodyParserError.status;
    return { status, code: GENERIC_CODES[status] ?? `HTTP_${status}`, detail: String((error as Error).message) };
  }
  const pgError = error as PgError;
  if (pgError?.code === '40001' || pgError?.code === '40P01') {
    return { status: 409, code: 'CONCURRENT_MODIFICATION', detail: 'A concurrent change got there first; retry.' };
  }
  if (['22P02', '22003', '22007', '22008', '22021', '22P05'].includes(pgError?.code ?? '')) {
    return { status: 400, code: 'REQUEST.INVALID', detail: 'A value in the request has the wrong format.' };
  }
  if (pgError?.code === '23505') {
    return { status: 409, code: 'CONFLICT', detail: 'This would duplicate an existing record.' };
  }
  return { status: 500, code: 'INTERNAL', detail: 'An unexpected error occurred; it has been logged.' };
}

/**
 * Title, detail and field messages in the request's language: the code's message from the
 * catalogue, filled from the problem's extra members; the English detail the code was raised with
 * when the catalogue has none for that language. Codes never change with the language.
 */
function localized(problem: ProblemCore, locale: Locale): Pick<ProblemDocument, 'title' | 'detail' | 'errors'> {
  const { status, code, detail, errors, ...extra } = problem;
  return {
    title: translate(`HTTP.${status}`, locale) ?? TITLES[status] ?? 'Error',
    detail: translate(code, locale, { ...extra, message: detail }) ?? detail,
    ...(errors
      ? {
          errors: errors.map((fieldError) => ({
            ...fieldError,
            message: translate(`FIELD.${fieldError.code}`, locale, { ...fieldError }) ?? fieldError.message,
          })),
        }
      : {}),
  };
}

export function problemDocument(error: unknown, instance?: string): ProblemDocument {
  const problem = problemFor(error);
  const context = RequestContext.current();
  return {
    type: `urn:problem:crm:${problem.code.toLowerCase()}`,
    ...problem,
    ...localized(problem, context?.locale ?? 'zh-CN'),
    instance,
    correlationId: context?.correlationId,
  };
}

/** Every error leaves as `application/problem+json`; unexpected ones are logged, never leaked. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const document = problemDocument(error, request?.originalUrl);
    if (document.status >= 500) {
      this.logger.error(`${request?.method} ${request?.originalUrl} failed`, (error as Error)?.stack);
    }
    if (response.headersSent) return;
    if (document.status === 429 && typeof document.retryAfterSeconds === 'number' && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', String(document.retryAfterSeconds));
    }
    response.status(document.status).type('application/problem+json').send(JSON.stringify(document));
  }
}
