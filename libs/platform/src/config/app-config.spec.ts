import { ConfigError, loadConfig } from './app-config.js';

function problemsOf(env: NodeJS.ProcessEnv, role?: 'api' | 'worker'): ConfigError {
  try {
    loadConfig(env, {}, role);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads a complete, valid environment', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://crm:secret@db:5432/crm',
      CRM_DATA_DIR: '/var/lib/crm',
      NATS_URL: 'nats://127.0.0.1:4222',
      JWT_SECRET: 'x'.repeat(32),
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      CRM_DEMO: 'yes',
      CRM_EVENT_DISPATCHER: 'off',
      CRM_SCHEDULES: 'TRUE',
      CRM_JOB_INTERVAL_SECONDS: '30',
      CRM_TIMEZONE: 'Europe/Berlin',
      CRM_LOGIN_RATE_LIMIT: '5',
      CRM_BODY_LIMIT: '1mb',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      CRM_LOCALE: 'en',
      CRM_CORS_ORIGINS: 'https://crm.example.com, http://localhost:5173/',
      CRM_CORS_CREDENTIALS: 'on',
      CRM_NATS_MAX_AGE_DAYS: '7',
      CRM_NATS_MAX_BYTES: '512mb',
      CRM_TRUST_PROXY: 'uniquelocal, 10.0.0.0/8',
      CRM_HEARTBEAT_FILE: '/run/crm/heartbeat',
      CRM_WEBHOOK_TIMEOUT_MS: '2000',
      CRM_WEBHOOK_BACKOFF_MS: '1000',
      CRM_WEBHOOK_RETRY_FOR_SECONDS: '7200',
      CRM_STORAGE_DIR: '/var/lib/crm/files',
      CRM_ATTACHMENT_MAX_BYTES: '1048576',
      CRM_SECRETS_KEY: 'a'.repeat(64),
      CRM_WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, 192.168.5.7',
      CRM_BANK_NOTIFICATIONS_PER_ACCOUNT: '120',
      CRM_BANK_NOTIFICATIONS_PER_ADDRESS: '240',
      CRM_DATABASE_POOL_SIZE: '25',
      CRM_DATABASE_PREPARED_STATEMENTS: 'off',
      CRM_HTTP_KEEP_ALIVE_SECONDS: '75',
    });
    expect(config).toEqual({
      port: 8080,
      databaseUrl: 'postgres://crm:secret@db:5432/crm',
      httpKeepAliveSeconds: 75,
      databasePoolSize: 25,
      databasePreparedStatements: false,
      embeddedDataDir: '/var/lib/crm',
      natsUrl: 'nats://127.0.0.1:4222',
      jwtSecret: 'x'.repeat(32),
      accessTokenTtlSeconds: 3600,
      demoData: true,
      runEventDispatcher: false,
      runSchedules: true,
      jobIntervalSeconds: 30,
      timeZone: 'Europe/Berlin',
      loginRateLimit: 5,
      bankNotificationsPerAccount: 120,
      bankNotificationsPerAddress: 240,
      bodyLimit: '1mb',
      logLevel: 'debug',
      logFormat: 'json',
      defaultLocale: 'en',
      corsOrigins: ['https://crm.example.com', 'http://localhost:5173'],
      corsCredentials: true,
      natsMaxAgeDays: 7,
      natsMaxBytes: 512 * 1024 ** 2,
      trustProxy: 'uniquelocal, 10.0.0.0/8',
      heartbeatFile: '/run/crm/heartbeat',
      webhookTimeoutMs: 2000,
      webhookBackoffBaseMs: 1000,
      webhookRetryForSeconds: 7200,
      storageDir: '/var/lib/crm/files',
      attachmentMaxBytes: 1024 ** 2,
      secretsKey: Buffer.alloc(32, 0xaa),
      webhookAllowedNetworks: ['10.20.0.0/16', '192.168.5.7'],
    });
  });

  it('encrypts secrets with a key of 32 bytes, its own in production; the development key only outside it', () => {
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ CRM_SECRETS_KEY: base64 }).secretsKey).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig({}).secretsKey).toHaveLength(32);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/CRM_SECRETS_KEY/);
    expect(loadConfig({ NODE_ENV: 'production', CRM_SECRETS_KEY: base64 }).secretsKey).toEqual(Buffer.alloc(32, 7));
    for (const bad of ['short', 'x'.repeat(64), Buffer.alloc(16).toString('base64')])
      expect(() => loadConfig({ CRM_SECRETS_KEY: bad })).toThrow(/CRM_SECRETS_KEY/);
    expect(() => loadConfig({ CRM_WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/33' })).toThrow(/CRM_WEBHOOK_ALLOWED_NETWORKS/);
  });

  it('takes the defaults for unset and empty variables', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      natsUrl: undefined,
      jwtSecret: undefined,
      accessTokenTtlSeconds: 28_800,
      demoData: true,
      runEventDispatcher: true,
      runSchedules: true,
      jobIntervalSeconds: 60,
      timeZone: 'Asia/Shanghai',
      loginRateLimit: 10,
      bodyLimit: '256kb',
      logLevel: 'info',
      defaultLocale: 'zh-CN',
      corsOrigins: ['http://localhost:5173', 'http://localhost:3000'],
      corsCredentials: false,
      natsMaxAgeDays: 30,
      natsMaxBytes: 10 * 1024 ** 3,
      trustProxy: 'loopback',
      heartbeatFile: expect.stringMatching(/crm-worker\.heartbeat$/),
      webhookTimeoutMs: 10_000,
      webhookBackoffBaseMs: 30_000,
      webhookRetryForSeconds: 86_400,
      storageDir: expect.stringMatching(/crm-storage$/),
      attachmentMaxBytes: 20 * 1024 ** 2,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/crm' })).toMatchObject({ demoData: false, runSchedules: false });
  });

  it('reads the origins browsers may call from: a list, or * for any', () => {
    expect(loadConfig({ CRM_CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(loadConfig({ CRM_CORS_ORIGINS: 'https://a.example.com:8443,https://a.example.com:8443' }).corsOrigins).toEqual(['https://a.example.com:8443']);
    for (const bad of ['crm.example.com', 'https://crm.example.com/app', 'ftp://files.example.com', '*,https://crm.example.com', ',']) {
      expect([bad, problemsOf({ CRM_CORS_ORIGINS: bad }).message]).toEqual([bad, expect.stringContaining('CRM_CORS_ORIGINS=')]);
    }
    expect(problemsOf({ CRM_CORS_ORIGINS: '*', CRM_CORS_CREDENTIALS: '1' }).message).toContain('any origin (*) is refused');
  });

  it('reads the webhook delivery timeout, backoff and retry window', () => {
    expect(loadConfig({ CRM_WEBHOOK_TIMEOUT_MS: '500', CRM_WEBHOOK_BACKOFF_MS: '50', CRM_WEBHOOK_RETRY_FOR_SECONDS: '3600' })).toMatchObject({
      webhookTimeoutMs: 500,
      webhookBackoffBaseMs: 50,
      webhookRetryForSeconds: 3600,
    });
    expect(
      problemsOf({ CRM_WEBHOOK_TIMEOUT_MS: '10s', CRM_WEBHOOK_BACKOFF_MS: '0', CRM_WEBHOOK_RETRY_FOR_SECONDS: '-1' }).problems.map(
        (problem) => problem.variable,
      ),
    ).toEqual(['CRM_WEBHOOK_TIMEOUT_MS', 'CRM_WEBHOOK_BACKOFF_MS', 'CRM_WEBHOOK_RETRY_FOR_SECONDS']);
  });

  it('reads S3-compatible storage only when all of it is given', () => {
    const s3 = { CRM_S3_ENDPOINT: 'https://minio.internal:9000/', CRM_S3_BUCKET: 'crm-files', CRM_S3_ACCESS_KEY_ID: 'key', CRM_S3_SECRET_ACCESS_KEY: 'secret' };
    expect(loadConfig(s3).s3).toEqual({
      endpoint: 'https://minio.internal:9000',
      bucket: 'crm-files',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
    });
    expect(loadConfig({}).s3).toBeUndefined();
    const partial = problemsOf({ CRM_S3_ENDPOINT: 'https://minio.internal:9000', CRM_S3_BUCKET: 'Bad_Bucket' });
    expect(partial.problems.map((problem) => problem.variable)).toEqual(['CRM_S3_BUCKET', 'CRM_S3_ACCESS_KEY_ID', 'CRM_S3_SECRET_ACCESS_KEY']);
    expect(partial.message).not.toContain('secret');
  });

  it('reads the JetStream limits: days, and sizes with binary units', () => {
    expect(loadConfig({ CRM_NATS_MAX_BYTES: '10GiB', CRM_NATS_MAX_AGE_DAYS: '365' })).toMatchObject({ natsMaxBytes: 10 * 1024 ** 3, natsMaxAgeDays: 365 });
    expect(loadConfig({ CRM_NATS_MAX_BYTES: String(2 ** 30) }).natsMaxBytes).toBe(2 ** 30);
    expect(problemsOf({ CRM_NATS_MAX_BYTES: '10 parsecs', CRM_NATS_MAX_AGE_DAYS: '0' }).problems.map((problem) => problem.variable)).toEqual([
      'CRM_NATS_MAX_AGE_DAYS',
      'CRM_NATS_MAX_BYTES',
    ]);
    expect(problemsOf({ CRM_NATS_MAX_BYTES: '1kb' }).message).toContain('at least 1mb');
  });

  it('believes X-Forwarded-For only from the proxies named (CRM_TRUST_PROXY)', () => {
    expect(loadConfig({ CRM_TRUST_PROXY: '172.16.0.0/12,::1' }).trustProxy).toBe('172.16.0.0/12, ::1');
    for (const bad of ['everyone', '10.0.0.0/33', '300.1.1.1', 'true']) {
      expect([bad, problemsOf({ CRM_TRUST_PROXY: bad }).problems[0]!.variable]).toEqual([bad, 'CRM_TRUST_PROXY']);
    }
  });

  it('writes pretty logs or JSON as told (LOG_FORMAT)', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(problemsOf({ LOG_FORMAT: 'xml' }).message).toContain('LOG_FORMAT="xml": expected one of json, pretty');
  });

  it('refuses a token lifetime that is not a number of seconds (ACCESS_TOKEN_TTL_SECONDS=8h)', () => {
    const error = problemsOf({ ACCESS_TOKEN_TTL_SECONDS: '8h' });
    expect(error.problems).toEqual([{ variable: 'ACCESS_TOKEN_TTL_SECONDS', value: '8h', expected: expect.stringContaining('seconds') }]);
    expect(error.message).toContain('ACCESS_TOKEN_TTL_SECONDS="8h": expected a whole number of seconds');
  });

  it('speaks Chinese unless told otherwise, and only languages it has (CRM_LOCALE)', () => {
    expect(loadConfig({}).defaultLocale).toBe('zh-CN');
    expect(loadConfig({ CRM_LOCALE: 'EN' }).defaultLocale).toBe('en');
    expect(problemsOf({ CRM_LOCALE: 'fr' }).problems).toEqual([expect.objectContaining({ variable: 'CRM_LOCALE' })]);
  });

  it('refuses a log level pino does not know (LOG_LEVEL=verbose)', () => {
    const error = problemsOf({ LOG_LEVEL: 'verbose' });
    expect(error.message).toContain('LOG_LEVEL="verbose": expected one of fatal, error, warn, info, debug, trace, silent');
  });

  it('names every unusable variable in one error, without showing secrets', () => {
    const error = problemsOf({
      PORT: '70000',
      DATABASE_URL: 'mysql://root:hunter2@db/crm',
      NATS_URL: 'localhost:4222',
      JWT_SECRET: 'short',
      CRM_DEMO: 'maybe',
      CRM_JOB_INTERVAL_SECONDS: '0',
      CRM_TIMEZONE: 'Asia/Beijing',
      CRM_LOGIN_RATE_LIMIT: '-1',
      CRM_BODY_LIMIT: 'lots',
      LOG_LEVEL: 'info',
    });
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'CRM_BODY_LIMIT',
      'CRM_DEMO',
      'CRM_JOB_INTERVAL_SECONDS',
      'CRM_LOGIN_RATE_LIMIT',
      'CRM_TIMEZONE',
      'DATABASE_URL',
      'JWT_SECRET',
      'NATS_URL',
      'PORT',
    ]);
    expect(error.message).toMatch(/^Invalid configuration: 9 environment variables need fixing\n/);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('DATABASE_URL (value not shown): expected a postgres://');
    expect(error.message).not.toContain('short');
    expect(error.message).toContain('CRM_TIMEZONE="Asia/Beijing": expected an IANA time zone');
  });

  it('refuses a job interval setInterval cannot wait for', () => {
    expect(problemsOf({ CRM_JOB_INTERVAL_SECONDS: String(30 * 86_400) }).problems[0]!.variable).toBe('CRM_JOB_INTERVAL_SECONDS');
  });

  it('needs a server for the worker, which runs the schedules unless told not to', () => {
    expect(problemsOf({}, 'worker').message).toContain('DATABASE_URL (not set): expected a PostgreSQL server for the worker');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/crm' }, {}, 'worker').runSchedules).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/crm', CRM_SCHEDULES: 'no' }, {}, 'worker').runSchedules).toBe(false);
  });

  it('lets code override what it reads', () => {
    expect(loadConfig({ PORT: '8080' }, { port: 0, logLevel: 'warn' })).toMatchObject({ port: 0, logLevel: 'warn' });
  });
});
