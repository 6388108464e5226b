import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';

/** One JSON line per log entry, with the request's correlation id when there is one. */
export function createRootLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'crm' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const ctx = RequestContext.current();
      return ctx ? { correlationId: ctx.correlationId, actorId: ctx.actorId } : {};
    },
  });
}

/** Adapts pino to Nest's logger so framework messages come out as JSON too. */
export class JsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
  child(bindings: Record<string, unknown>): Logger {
    return this.logger.child(bindings);
  }
}
