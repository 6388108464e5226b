import { resolve } from 'node:path';

/** Everything the process reads from its environment, read once and typed. */
export interface AppConfig {
  port: number;
  /** A PostgreSQL server; when absent the API runs on an embedded PostgreSQL (PGlite). */
  databaseUrl?: string;
  /** Folder the embedded database persists in; `memory://` keeps it in memory only. */
  embeddedDataDir: string;
  /** NATS server whose JetStream receives every domain event; off when absent. */
  natsUrl?: string;
  /** Signing secret for access tokens; generated and stored in the database when absent. */
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  /** Create demo users and data on first start (always on for the embedded database). */
  demoData: boolean;
  /** Run the outbox dispatcher (and NATS relay) in this process. */
  runEventDispatcher: boolean;
  /** Run scheduled jobs (recycling, reminders, SLA checks) in this process; on by default only on the embedded database. */
  runSchedules: boolean;
  logLevel: string;
  /** Largest accepted JSON body. */
  bodyLimit: string;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl,
    embeddedDataDir: env.CRM_DATA_DIR ?? resolve(process.cwd(), 'data', 'pglite'),
    natsUrl: env.NATS_URL || undefined,
    jwtSecret: env.JWT_SECRET || undefined,
    accessTokenTtlSeconds: Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 8 * 3600),
    demoData: flag(env.CRM_DEMO, databaseUrl === undefined),
    runEventDispatcher: flag(env.CRM_EVENT_DISPATCHER, true),
    runSchedules: flag(env.CRM_SCHEDULES, databaseUrl === undefined),
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimit: env.CRM_BODY_LIMIT ?? '256kb',
    ...overrides,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
