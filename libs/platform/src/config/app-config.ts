import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LevelWithSilent } from 'pino';
import { LOCALES, type Locale } from '../i18n/messages.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Pages a browser may call the API from when CRM_CORS_ORIGINS is unset: the usual local dev servers (Vite, the API's own port). */
export const DEVELOPMENT_CORS_ORIGINS = ['http://localhost:5173', 'http://localhost:3000'];
const GIB = 1024 ** 3;

/** Everything the process reads from its environment, read once, validated and typed. */
export interface AppConfig {
  port: number;
  /** How long an idle client connection stays open: longer than the load balancer's own idle timeout (60 s on most). */
  httpKeepAliveSeconds: number;
  /** A PostgreSQL server; when absent the API runs on an embedded PostgreSQL (PGlite). */
  databaseUrl?: string;
  /** Connections this process keeps to the PostgreSQL server (the embedded database always has one). */
  databasePoolSize: number;
  /** Send statements that repeat as named prepared statements (off behind a pooler in transaction mode, such as PgBouncer before 1.21). */
  databasePreparedStatements: boolean;
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
  /** Run scheduled jobs (recycling, reminders, SLA checks) in this process; on by default only on the embedded database and in the worker. */
  runSchedules: boolean;
  /** How often the scheduled jobs run. */
  jobIntervalSeconds: number;
  /** The company's time zone (IANA name): where a day starts for daily claim limits. */
  timeZone: string;
  /** Login attempts per minute for one client address and username. */
  loginRateLimit: number;
  /** Signed bank notifications per minute for one bank account (counted once the signature holds). */
  bankNotificationsPerAccount: number;
  /** Bank notification requests per minute from one client address (signed or not). */
  bankNotificationsPerAddress: number;
  logLevel: LogLevel;
  /** `pretty`: short coloured lines for a terminal; `json`: one JSON object per line (the default when stdout is not a terminal). */
  logFormat: LogFormat;
  /** The language of problem messages when a request's Accept-Language names none we speak (X-5). */
  defaultLocale: Locale;
  /** Largest accepted JSON body, in body-parser's notation (`256kb`, `1mb`, bytes). */
  bodyLimit: string;
  /** Origins whose pages may call the API (`*`: any); routes under /api/v1/public/ accept any origin regardless. */
  corsOrigins: string[];
  /** Let browsers send cookies and HTTP authentication cross-origin (off: bearer tokens need no credentials). */
  corsCredentials: boolean;
  /** JetStream keeps events at most this many days… */
  natsMaxAgeDays: number;
  /** …and at most this many bytes (the oldest are dropped first). */
  natsMaxBytes: number;
  /**
   * Months the event log keeps attached; older months are detached into the `event_archive` schema
   * (to dump and drop). Unset: kept forever.
   */
  eventArchiveAfterMonths?: number;
  /** Proxies whose X-Forwarded-For is believed (Express's `trust proxy`): the client address login limits count by. */
  trustProxy: string;
  /** File the worker touches while it works; `--health` checks that it is fresh. */
  heartbeatFile: string;
  /** How long a webhook receiver has to answer one delivery before it counts as failed. */
  webhookTimeoutMs: number;
  /** The first retry of a failed webhook delivery waits this long; each further one twice as long (at most an hour). */
  webhookBackoffBaseMs: number;
  /** A webhook delivery still failing this long after the event is given up (and its subscription disabled). */
  webhookRetryForSeconds: number;
  /** AES-256 key (32 bytes) that encrypts secrets at rest, such as webhook signing secrets (`CRM_SECRETS_KEY`). */
  secretsKey: Buffer;
  /** Private, loopback or link-local addresses and CIDR ranges webhooks may still be sent to (`CRM_WEBHOOK_ALLOWED_NETWORKS`). */
  webhookAllowedNetworks: string[];
  /** Folder where uploaded files (contract attachments, lead import files) are kept by the local storage adapter; every process mounts the same one. */
  storageDir: string;
  /** Largest accepted attachment, in bytes. */
  attachmentMaxBytes: number;
  /** S3-compatible object storage for uploaded files, instead of `storageDir`, when configured. */
  s3?: S3Config;
}

/** An S3-compatible bucket (AWS S3, MinIO, Aliyun OSS, Tencent COS…), addressed path-style and signed with Signature Version 4. */
export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The key outside production when none is set: secrets are still not plain text, but anyone with the code can read them. */
const DEVELOPMENT_SECRETS_KEY = Buffer.from('crm-development-secrets-key-0001', 'utf8');

/** 32 bytes as base64 (44 characters) or hex (64 characters). */
const secretsKey: Parser<Buffer> = (raw) => {
  const value = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return key.length === 32 && (key.toString('base64') === value || /^[0-9a-f]{64}$/i.test(value)) ? key : undefined;
};

/** Addresses and CIDR ranges, comma-separated. */
const networks: Parser<string[]> = (raw) => {
  const list = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const valid = list.every((entry) => {
    const [address, prefix, ...rest] = entry.split('/');
    const version = isIP(address ?? '');
    return version !== 0 && rest.length === 0 && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128)));
  });
  return valid ? list : undefined;
};

/** The process reading its configuration: the worker needs a server and runs the schedules by default. */
export type ProcessRole = 'api' | 'worker';

export interface ConfigProblem {
  variable: string;
  /** What was found; undefined when required but unset, or when the value is secret. */
  value?: string;
  /** The value is not shown: it may hold a password or key. */
  hidden?: boolean;
  expected: string;
}

function describeProblem(problem: ConfigProblem): string {
  const found = problem.hidden ? ' (value not shown)' : problem.value === undefined ? ' (not set)' : `=${JSON.stringify(problem.value)}`;
  return `  ${problem.variable}${found}: expected ${problem.expected}`;
}

/** One or more environment variables are unusable; the message names each with what was expected. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      [
        `Invalid configuration: ${problems.length === 1 ? 'one environment variable needs' : `${problems.length} environment variables need`} fixing`,
        ...problems.map(describeProblem),
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** A parser answers the value, or undefined when the text does not fit. */
type Parser<T> = (raw: string) => T | undefined;

const FLAGS: Record<string, boolean> = { '1': true, true: true, yes: true, on: true, '0': false, false: false, no: false, off: false };
const flag: Parser<boolean> = (raw) => FLAGS[raw.toLowerCase()];

function integer(min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> {
  return (raw) => {
    if (!/^\d+$/.test(raw)) return undefined;
    const value = Number(raw);
    return value >= min && value <= max ? value : undefined;
  };
}

function url(...protocols: string[]): Parser<string> {
  return (raw) => (URL.canParse(raw) && protocols.includes(new URL(raw).protocol) ? raw : undefined);
}

const timeZone: Parser<string> = (raw) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
    return raw;
  } catch {
    return undefined;
  }
};

/** body-parser's sizes (the `bytes` package): a number of bytes or a number with b, kb, mb or gb. */
const byteSize: Parser<string> = (raw) => (/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i.test(raw) && parseFloat(raw) > 0 ? raw : undefined);

const logLevel: Parser<LogLevel> = (raw) => LOG_LEVELS.find((level) => level === raw.toLowerCase());
const locale: Parser<Locale> = (raw) => LOCALES.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
const logFormat: Parser<LogFormat> = (raw) => LOG_FORMATS.find((format) => format === raw.toLowerCase());

/** `*`, or a comma-separated list of origins (`https://crm.example.com`, `http://localhost:5173`): scheme, host and port only. */
const origins: Parser<string[]> = (raw) => {
  const list = raw
    .split(',')
    .map((entry) => entry.trim().replace(/\/$/, ''))
    .filter((entry) => entry !== '');
  if (list.length === 0) return undefined;
  if (list.includes('*')) return list.length === 1 ? ['*'] : undefined;
  const valid = list.every((entry) => URL.canParse(entry) && ['http:', 'https:'].includes(new URL(entry).protocol) && new URL(entry).origin === entry);
  return valid ? [...new Set(list)] : undefined;
};

function text(minLength = 1): Parser<string> {
  return (raw) => (raw.length >= minLength ? raw : undefined);
}

const BINARY_UNITS: Record<string, number> = { b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: GIB, gib: GIB, tb: 1024 ** 4, tib: 1024 ** 4 };

/** A number of bytes, or a whole number with a binary unit: `10gb`, `10GiB`, `512mb`. */
const bytes: Parser<number> = (raw) => {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = BINARY_UNITS[(match?.[2] || 'b').toLowerCase()];
  if (!match || unit === undefined) return undefined;
  const value = Number(match[1]) * unit;
  return value >= 1024 * 1024 && Number.isSafeInteger(value) ? value : undefined;
};

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Express's `trust proxy` list: loopback, linklocal, uniquelocal, addresses and CIDR ranges. */
const proxies: Parser<string> = (raw) => {
  const list = raw.split(',').map((entry) => entry.trim());
  const valid = list.every((entry) => {
    if (PROXY_NAMES.has(entry)) return true;
    const [address, prefix, ...rest] = entry.split('/');
    const version = isIP(address ?? '');
    if (version === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
  });
  return valid ? list.join(', ') : undefined;
};

/** setInterval waits at most 2^31-1 ms (about 24.8 days); a longer delay silently becomes 1 ms. */
const MAX_INTERVAL_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Reads and validates every environment variable the application uses. Unset and empty variables
 * take their defaults; any unusable one makes it throw a ConfigError naming all of them, so the
 * process stops at start-up instead of failing later on the first request that needs the value.
 * `overrides` (from code: tests, the OpenAPI generator) replace the result's fields as given.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}, role: ProcessRole = 'api'): AppConfig {
  const problems: ConfigProblem[] = [];
  function read<T>(variable: string, parse: Parser<T>, expected: string, options: { secret?: boolean } = {}): T | undefined {
    const raw = env[variable];
    if (raw === undefined || raw === '') return undefined;
    const value = parse(raw);
    if (value === undefined) problems.push(options.secret ? { variable, hidden: true, expected } : { variable, value: raw, expected });
    return value;
  }
  const flagExpected = 'a flag: 1, 0, true, false, yes, no, on or off';

  const databaseUrl = read('DATABASE_URL', url('postgres:', 'postgresql:'), 'a postgres://user:password@host:port/database URL', { secret: true });
  if (role === 'worker' && databaseUrl === undefined && !problems.some((problem) => problem.variable === 'DATABASE_URL')) {
    problems.push({
      variable: 'DATABASE_URL',
      expected: 'a PostgreSQL server for the worker: the embedded database serves one process (npm start runs everything)',
    });
  }
  const embedded = databaseUrl === undefined;
  const config: AppConfig = {
    port: read('PORT', integer(1, 65_535), 'a TCP port, a whole number from 1 to 65535') ?? 3000,
    databaseUrl,
    httpKeepAliveSeconds: read('CRM_HTTP_KEEP_ALIVE_SECONDS', integer(1, 3600), 'a whole number of seconds from 1 to 3600') ?? 65,
    databasePoolSize: read('CRM_DATABASE_POOL_SIZE', integer(1, 1000), 'a whole number of connections from 1 to 1000') ?? 10,
    databasePreparedStatements: read('CRM_DATABASE_PREPARED_STATEMENTS', flag, flagExpected) ?? true,
    embeddedDataDir: read('CRM_DATA_DIR', text(), 'a folder, or memory://') ?? resolve(process.cwd(), 'data', 'pglite'),
    natsUrl: read('NATS_URL', url('nats:', 'tls:'), 'a nats://host:port (or tls://host:port) URL', { secret: true }),
    jwtSecret: read('JWT_SECRET', text(32), 'a secret of at least 32 characters', { secret: true }),
    accessTokenTtlSeconds: read('ACCESS_TOKEN_TTL_SECONDS', integer(1), 'a whole number of seconds, at least 1 (28800 is 8 hours)') ?? 8 * 3600,
    demoData: read('CRM_DEMO', flag, flagExpected) ?? embedded,
    runEventDispatcher: read('CRM_EVENT_DISPATCHER', flag, flagExpected) ?? true,
    runSchedules: read('CRM_SCHEDULES', flag, flagExpected) ?? (embedded || role === 'worker'),
    jobIntervalSeconds: read('CRM_JOB_INTERVAL_SECONDS', integer(1, MAX_INTERVAL_SECONDS), `a whole number of seconds from 1 to ${MAX_INTERVAL_SECONDS}`) ?? 60,
    timeZone: read('CRM_TIMEZONE', timeZone, 'an IANA time zone such as Asia/Shanghai or UTC') ?? 'Asia/Shanghai',
    loginRateLimit: read('CRM_LOGIN_RATE_LIMIT', integer(1), 'a whole number of login attempts per minute, at least 1') ?? 10,
    bankNotificationsPerAccount: read('CRM_BANK_NOTIFICATIONS_PER_ACCOUNT', integer(1), 'a whole number of notifications per minute, at least 1') ?? 3000,
    bankNotificationsPerAddress: read('CRM_BANK_NOTIFICATIONS_PER_ADDRESS', integer(1), 'a whole number of requests per minute, at least 1') ?? 6000,
    logLevel: read('LOG_LEVEL', logLevel, `one of ${LOG_LEVELS.join(', ')}`) ?? 'info',
    logFormat: read('LOG_FORMAT', logFormat, `one of ${LOG_FORMATS.join(', ')}`) ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    defaultLocale: read('CRM_LOCALE', locale, `one of ${LOCALES.join(', ')}`) ?? 'zh-CN',
    bodyLimit: read('CRM_BODY_LIMIT', byteSize, 'a size such as 256kb or 1mb, or a number of bytes') ?? '256kb',
    corsOrigins:
      read('CRM_CORS_ORIGINS', origins, '* or a comma-separated list of origins such as https://crm.example.com,http://localhost:5173') ??
      DEVELOPMENT_CORS_ORIGINS,
    corsCredentials: read('CRM_CORS_CREDENTIALS', flag, flagExpected) ?? false,
    eventArchiveAfterMonths: read('CRM_EVENT_ARCHIVE_AFTER_MONTHS', integer(1, 1200), 'a whole number of months from 1 to 1200'),
    natsMaxAgeDays: read('CRM_NATS_MAX_AGE_DAYS', integer(1, 36_500), 'a whole number of days from 1 to 36500') ?? 30,
    trustProxy:
      read(
        'CRM_TRUST_PROXY',
        proxies,
        'loopback, linklocal, uniquelocal, IP addresses or CIDR ranges, comma-separated (e.g. uniquelocal behind a proxy in Docker)',
      ) ?? 'loopback',
    heartbeatFile: read('CRM_HEARTBEAT_FILE', text(), 'a file path') ?? join(tmpdir(), 'crm-worker.heartbeat'),
    natsMaxBytes: read('CRM_NATS_MAX_BYTES', bytes, 'a size of at least 1mb such as 10gb or 512mb, or a number of bytes') ?? 10 * GIB,
    webhookTimeoutMs: read('CRM_WEBHOOK_TIMEOUT_MS', integer(100, 120_000), 'a whole number of milliseconds from 100 to 120000') ?? 10_000,
    webhookBackoffBaseMs: read('CRM_WEBHOOK_BACKOFF_MS', integer(10, 3_600_000), 'a whole number of milliseconds from 10 to 3600000') ?? 30_000,
    webhookRetryForSeconds: read('CRM_WEBHOOK_RETRY_FOR_SECONDS', integer(1, 7 * 86_400), 'a whole number of seconds from 1 to 604800 (a week)') ?? 86_400,
    secretsKey:
      read('CRM_SECRETS_KEY', secretsKey, '32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits', { secret: true }) ?? DEVELOPMENT_SECRETS_KEY,
    webhookAllowedNetworks:
      read('CRM_WEBHOOK_ALLOWED_NETWORKS', networks, 'IP addresses or CIDR ranges, comma-separated, such as 10.1.2.0/24,192.168.5.7') ?? [],
    storageDir: read('CRM_STORAGE_DIR', text(), 'a folder') ?? join(tmpdir(), 'crm-storage'),
    attachmentMaxBytes: read('CRM_ATTACHMENT_MAX_BYTES', integer(1, 1024 ** 3), 'a whole number of bytes from 1 to 1073741824 (1 GiB)') ?? 20 * 1024 ** 2,
  };
  const s3 = {
    endpoint: read('CRM_S3_ENDPOINT', url('http:', 'https:'), 'an http(s):// URL of S3-compatible storage, e.g. https://s3.cn-north-1.amazonaws.com.cn'),
    bucket: read(
      'CRM_S3_BUCKET',
      (raw) => (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(raw) ? raw : undefined),
      'a bucket name: 3 to 63 lowercase letters, digits, dots and dashes',
    ),
    region: read('CRM_S3_REGION', text(), 'a region such as us-east-1') ?? 'us-east-1',
    accessKeyId: read('CRM_S3_ACCESS_KEY_ID', text(), 'an access key id', { secret: true }),
    secretAccessKey: read('CRM_S3_SECRET_ACCESS_KEY', text(), 'a secret access key', { secret: true }),
  };
  if (s3.endpoint !== undefined || s3.bucket !== undefined) {
    for (const [variable, value] of [
      ['CRM_S3_ENDPOINT', s3.endpoint],
      ['CRM_S3_BUCKET', s3.bucket],
      ['CRM_S3_ACCESS_KEY_ID', s3.accessKeyId],
      ['CRM_S3_SECRET_ACCESS_KEY', s3.secretAccessKey],
    ] as const) {
      if (value === undefined && !problems.some((problem) => problem.variable === variable)) {
        problems.push({
          variable,
          expected: 'set as well: S3 storage needs CRM_S3_ENDPOINT, CRM_S3_BUCKET, CRM_S3_ACCESS_KEY_ID and CRM_S3_SECRET_ACCESS_KEY',
        });
      }
    }
    if (s3.endpoint && s3.bucket && s3.accessKeyId && s3.secretAccessKey) {
      config.s3 = {
        endpoint: s3.endpoint.replace(/\/$/, ''),
        bucket: s3.bucket,
        region: s3.region,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
      };
    }
  }
  if (config.corsCredentials && config.corsOrigins.includes('*')) {
    problems.push({ variable: 'CRM_CORS_ORIGINS', value: '*', expected: 'a list of origins: with CRM_CORS_CREDENTIALS on, any origin (*) is refused' });
  }
  if (env.NODE_ENV === 'production' && (env.CRM_SECRETS_KEY ?? '') === '') {
    problems.push({ variable: 'CRM_SECRETS_KEY', expected: 'a key of its own in production (openssl rand -base64 32): the development key is public' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, ...overrides };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
