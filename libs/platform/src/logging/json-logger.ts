import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { LogFormat, LogLevel } from '../config/app-config.js';
import { RequestContext } from '../context/request-context.js';
import { prettyDestination } from './pretty-log.js';

/**
 * One JSON line per log entry, with the request's correlation id when there is one; short
 * readable lines instead with the `pretty` format (a terminal).
 */
export function createRootLogger(level: LogLevel, format: LogFormat): Logger {
  const options = {
    level,
    base: { service: 'crm' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const ctx = RequestContext.current();
      return ctx ? { correlationId: ctx.correlationId, actorId: ctx.actorId } : {};
    },
  };
  return format === 'pretty' ? pino(options, prettyDestination()) : pino(options);
}

/** Nest's start-up narration (every module, controller and route): there at debug level, out of a newcomer's way at info. */
const START_UP_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Adapts pino to Nest's logger so framework messages come out in the same format. */
export class JsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    if (context !== undefined && START_UP_CHATTER.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
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
