import { createHash, randomUUID } from 'node:crypto';
import { Injectable, RequestMethod, type CallHandler, type ExecutionContext, type INestApplication, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA, INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { Request, Response } from 'express';
import { defaultIfEmpty, from, lastValueFrom, type Observable } from 'rxjs';
import { TransactionHost } from '../database/transaction-host.js';
import { ProblemException } from '../errors/request-errors.js';
import type { Actor } from '../auth/actor.js';

const IN_FLIGHT_LEASE_SECONDS = 60;
const REPLAYED_HEADERS = ['location', 'etag'];

interface StoredKey {
  fingerprint: string;
  state: 'in-flight' | 'completed';
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
  lease_expired: boolean;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `Idempotency-Key` on POST (IETF httpapi draft, Stripe's design). The key is reserved in its own
 * short transaction; the request then runs in one transaction that also stores its response, so
 * a success and its record commit together. A replay returns the first status, body, Location
 * and ETag; the same key with another body is 422; while the first is running, 409. A failed
 * request frees its key, so the client can retry it unchanged.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly tx: TransactionHost) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (key.length < 1 || key.length > 255) {
      throw new ProblemException(400, 'IDEMPOTENCY.INVALID_KEY', 'Idempotency-Key must be 1 to 255 characters.');
    }
    const response = context.switchToHttp().getResponse<Response>();
    const defaultStatus = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;
    return from(this.handle(request, response, key, defaultStatus, next));
  }

  private async handle(request: Request & { user?: Actor }, response: Response, key: string, defaultStatus: number, next: CallHandler): Promise<unknown> {
    const principal = request.user?.id ?? `anonymous:${request.ip}`;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl.split('?')[0]} ${canonicalJson(request.body)}`)
      .digest('hex');

    // This request's claim on the key: only the current owner may complete or free it.
    const owner = randomUUID();
    const reserved = await this.tx.execute(
      `INSERT INTO platform.idempotency_keys (principal, key, fingerprint, state, locked_until, owner)
       VALUES ($1, $2, $3, 'in-flight', now() + make_interval(secs => $4), $5)
       ON CONFLICT (principal, key) DO NOTHING`,
      [principal, key, fingerprint, IN_FLIGHT_LEASE_SECONDS, owner],
    );
    if (reserved.rowCount === 0) {
      const replay = await this.replayOrTakeOver(principal, key, fingerprint, response, owner);
      if (replay.replayed) return replay.body;
    }

    try {
      return await this.tx.run(async () => {
        const body = await lastValueFrom(next.handle().pipe(defaultIfEmpty(undefined)));
        const status = response.statusCode !== 200 ? response.statusCode : defaultStatus;
        const headers = Object.fromEntries(
          REPLAYED_HEADERS.filter((name) => response.getHeader(name) !== undefined).map((name) => [name, String(response.getHeader(name))]),
        );
        const completed = await this.tx.execute(
          `UPDATE platform.idempotency_keys
              SET state = 'completed', response_status = $3, response_body = $4, response_headers = $5, locked_until = NULL
            WHERE principal = $1 AND key = $2 AND owner = $6 AND state = 'in-flight'`,
          [principal, key, status, JSON.stringify(body ?? null), JSON.stringify(headers), owner],
        );
        // A retry took the key over while this request was too slow: undo this one, the retry stands.
        if (completed.rowCount !== 1) {
          throw new ProblemException(409, 'IDEMPOTENCY.IN_PROGRESS', 'A retry with this Idempotency-Key took over; this attempt was undone.');
        }
        return body;
      });
    } catch (error) {
      await this.tx
        .query(`DELETE FROM platform.idempotency_keys WHERE principal = $1 AND key = $2 AND state = 'in-flight' AND owner = $3`, [principal, key, owner])
        .catch(() => undefined);
      throw error;
    }
  }

  private async replayOrTakeOver(
    principal: string,
    key: string,
    fingerprint: string,
    response: Response,
    owner: string,
  ): Promise<{ replayed: true; body: unknown } | { replayed: false }> {
    const stored = await this.tx.queryOne<StoredKey>(
      `SELECT fingerprint, state, response_status, response_body, response_headers, locked_until < now() AS lease_expired
         FROM platform.idempotency_keys WHERE principal = $1 AND key = $2`,
      [principal, key],
    );
    if (!stored) {
      throw new ProblemException(409, 'IDEMPOTENCY.IN_PROGRESS', 'A request with this Idempotency-Key is being processed; retry shortly.');
    }
    if (stored.state === 'completed' || stored.lease_expired) {
      if (stored.fingerprint !== fingerprint) {
        throw new ProblemException(422, 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used with a different request.');
      }
    }
    if (stored.state === 'completed') {
      response.status(stored.response_status ?? 200);
      for (const [name, value] of Object.entries(stored.response_headers ?? {})) response.setHeader(name, value);
      response.setHeader('Idempotent-Replayed', 'true');
      return { replayed: true, body: stored.response_body };
    }
    // The first attempt's process died mid-request: its lease ran out, so this one takes over.
    const takenOver = stored.lease_expired
      ? await this.tx.execute(
          `UPDATE platform.idempotency_keys SET locked_until = now() + make_interval(secs => $3), owner = $4
            WHERE principal = $1 AND key = $2 AND state = 'in-flight' AND locked_until < now()`,
          [principal, key, IN_FLIGHT_LEASE_SECONDS, owner],
        )
      : { rowCount: 0 };
    if (takenOver.rowCount === 0) {
      throw new ProblemException(409, 'IDEMPOTENCY.IN_PROGRESS', 'A request with this Idempotency-Key is being processed; retry shortly.');
    }
    return { replayed: false };
  }
}

/** Each application's interceptor, by its Express instance (`request.app`): several applications may share a process. */
const interceptors = new WeakMap<object, IdempotencyInterceptor>();

/**
 * What the POST handlers carry: handler metadata belongs to the controller classes, which every
 * application in the process shares, so it names this one object, which hands each request to
 * its own application's interceptor.
 */
const idempotentPosts: NestInterceptor = {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const own = interceptors.get(context.switchToHttp().getRequest<Request>().app);
    if (!own) throw new Error('Idempotency-Key handling is not set up for this application (configureHttp).');
    return own.intercept(context, next);
  },
};

/**
 * Puts the idempotency interceptor on every POST handler of the application's controllers, first
 * among the handler's own interceptors (where a global one ran). It only ever acts on POST, and as
 * a global interceptor it wrapped every other request in observables for nothing. Runs before the
 * application is initialised, as its routes are built then.
 */
export function interceptIdempotentPosts(app: INestApplication): void {
  interceptors.set(app.getHttpAdapter().getInstance() as object, app.get(IdempotencyInterceptor));
  const scanner = new MetadataScanner();
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const prototype = (wrapper.metatype as { prototype?: object } | undefined)?.prototype;
    if (!prototype) continue;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method !== RequestMethod.POST && method !== RequestMethod.ALL) continue;
      const own = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
      if (!own.includes(idempotentPosts)) Reflect.defineMetadata(INTERCEPTORS_METADATA, [idempotentPosts, ...own], handler);
    }
  }
}
