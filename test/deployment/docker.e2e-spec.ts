import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@crm/platform';
import { createTestDatabase, describeOnServer } from '../support/test-database.js';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[]; interval?: string };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  deploy?: { replicas?: number };
}

/**
 * docker/ as written: Docker is not available where the specs run, so the files are checked as
 * data (compose's YAML, the Dockerfile, nginx's configuration) and the worker's health mode is run.
 */
describe('Docker deployment files', () => {
  const compose = parse(readFileSync('docker/compose.yaml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
  const services = compose.services;

  it('runs PostgreSQL, NATS, two API replicas, a worker and a proxy, each restarted when it stops', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'nats', 'postgres', 'proxy', 'worker']);
    for (const [name, service] of Object.entries(services)) expect([name, service.restart]).toEqual([name, 'unless-stopped']);
    expect(services.api!.deploy?.replicas).toBe(2);
  });

  it('gives every service a health check; the worker its own, not the HTTP one', () => {
    for (const [name, service] of Object.entries(services)) expect([name, service.healthcheck?.test.length ?? 0]).toEqual([name, expect.any(Number)]);
    expect(
      Object.entries(services)
        .filter(([, service]) => !service.healthcheck)
        .map(([name]) => name),
    ).toEqual([]);
    expect(services.postgres!.healthcheck!.test.join(' ')).toContain('pg_isready');
    expect(services.nats!.healthcheck!.test.join(' ')).toContain('/healthz');
    expect(services.nats!.command).toEqual(expect.arrayContaining(['-js', '-m', '8222']));
    expect(services.api!.healthcheck!.test.join(' ')).toContain('/health');
    expect(services.worker!.healthcheck!.test).toEqual(['CMD', 'node', 'dist/apps/worker/src/main.js', '--health']);
  });

  it('starts the API and the worker only once PostgreSQL and NATS are healthy, and the proxy once the API is', () => {
    for (const name of ['api', 'worker']) {
      expect([name, services[name]!.depends_on]).toEqual([name, { postgres: { condition: 'service_healthy' }, nats: { condition: 'service_healthy' } }]);
    }
    expect(services.proxy!.depends_on).toEqual({ api: { condition: 'service_healthy' } });
  });

  it('publishes one port, the proxy’s, in front of the replicas', () => {
    const published = Object.entries(services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name, service]) => [name, service.ports])).toEqual([['proxy', ['3000:80']]]);
    expect(services.proxy!.volumes).toEqual(['./nginx.conf:/etc/nginx/conf.d/default.conf:ro']);
    const nginx = readFileSync('docker/nginx.conf', 'utf8');
    expect(nginx).toMatch(/server api:3000 resolve;/);
    expect(nginx).toMatch(/proxy_pass http:\/\/crm_api;/);
    expect(nginx).toContain('X-Forwarded-For');
    expect(services.api!.environment?.CRM_TRUST_PROXY).toBe('uniquelocal');
  });

  it('builds one image for the API and the worker from the repository, on a Node.js LTS line', () => {
    for (const name of ['api', 'worker']) expect(services[name]!.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(services.worker!.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    const dockerfile = readFileSync('docker/Dockerfile', 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((match) => Number(match[1]));
    expect(bases).toHaveLength(2);
    // Even-numbered lines become LTS; 20 and 22 are past active support.
    for (const major of bases) expect(major % 2 === 0 && major >= 24).toBe(true);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('keeps node_modules, data, dist, .git and coverage out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', 'dist', '.git', 'coverage']));
    // Everything the Dockerfile copies is still sent.
    for (const copied of ['package.json', 'package-lock.json', 'tsconfig.json', '.swcrc', 'nest-cli.json', 'apps', 'libs', 'bench']) {
      expect([copied, ignored.includes(copied)]).toEqual([copied, false]);
    }
  });
});

describe('compose.yaml’s environment against the configuration the processes read', () => {
  const services = (parse(readFileSync('docker/compose.yaml', 'utf8'), { merge: true }) as { services: Record<string, Service> }).services;
  const dockerfile = readFileSync('docker/Dockerfile', 'utf8');
  /** What the image itself sets (`ENV NODE_ENV=production PORT=3000`). */
  const imageEnv = Object.fromEntries(
    [...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap((match) => match[1]!.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
  );
  /** Loads the configuration from an environment, recording every variable name it looks at. */
  const readNames = (env: Record<string, string>, role: 'api' | 'worker') => {
    const names = new Set<string>();
    const recording = new Proxy(env, {
      get: (target, name) => {
        if (typeof name === 'string') names.add(name);
        return target[name as string];
      },
    });
    const config = loadConfig(recording, {}, role);
    return { config, names };
  };

  it.each([
    ['api', 'api'],
    ['worker', 'worker'],
  ] as const)('gives the %s only variables its configuration reads, and a configuration that loads in production', (name, role) => {
    const environment = { ...imageEnv, ...services[name]!.environment };
    expect(imageEnv).toEqual({ NODE_ENV: 'production', PORT: '3000' });
    const { config, names } = readNames(environment, role);
    expect(names.size).toBeGreaterThan(30);
    // A misspelt or retired name in compose.yaml would be silently ignored by the process.
    expect(Object.keys(environment).filter((variable) => !names.has(variable))).toEqual([]);
    expect(config).toMatchObject({ databaseUrl: 'postgres://crm:crm@postgres:5432/crm', natsUrl: 'nats://nats:4222', storageDir: '/var/lib/crm/storage' });
    expect(config.s3).toBeUndefined();
  });

  it('names every setting an operator needs in production, and keeps uploaded files on a volume the API replicas and the worker share', () => {
    const { names } = readNames({ PORT: '3000' }, 'api');
    const env = services.api!.environment!;
    for (const variable of [
      'DATABASE_URL',
      'NATS_URL',
      'JWT_SECRET',
      'CRM_SECRETS_KEY',
      'CRM_STORAGE_DIR',
      'CRM_CORS_ORIGINS',
      'CRM_WEBHOOK_ALLOWED_NETWORKS',
      'CRM_TRUST_PROXY',
    ]) {
      expect([variable, names.has(variable), variable in env]).toEqual([variable, true, true]);
    }
    for (const variable of [...names].filter((read) => read.startsWith('CRM_S3_'))) expect([variable, variable in env]).toEqual([variable, true]);
    for (const name of ['api', 'worker']) expect([name, services[name]!.volumes]).toEqual([name, [`crm-storage:${env.CRM_STORAGE_DIR}`]]);
    expect(dockerfile).toContain(`mkdir -p ${env.CRM_STORAGE_DIR} && chown node:node ${env.CRM_STORAGE_DIR}`);
    expect(dockerfile.indexOf('chown node:node')).toBeLessThan(dockerfile.indexOf('USER node'));
  });

  it('starts with the commands npm start and npm run start:worker build and run', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toContain('node dist/apps/api/src/main.js');
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/apps\/api\/src\/main.js"\]$/m);
    expect(scripts['start:worker']).toContain(`node ${services.worker!.command!.slice(1).join(' ')}`);
    expect(dockerfile).toMatch(/^COPY openapi openapi$/m); // /asyncapi.yaml is served from it
  });
});

describe('The worker’s health check (main.js --health)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'crm-heartbeat-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const check = (file: string) =>
    spawnSync(process.execPath, [resolve('dist/apps/worker/src/main.js'), '--health'], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', CRM_HEARTBEAT_FILE: file },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('is healthy on a fresh heartbeat, unhealthy on a stale or missing one', () => {
    const file = join(folder, 'fresh');
    writeFileSync(file, 'now');
    expect(check(file).status).toBe(0);
    const stale = new Date(Date.now() - 120_000);
    utimesSync(file, stale, stale);
    expect(check(file).status).toBe(1);
    expect(check(join(folder, 'missing')).status).toBe(1);
  });
});

describeOnServer('A running worker’s heartbeat', () => {
  it('beats while the worker runs and its database answers, and stops when it stops', async () => {
    const database = await createTestDatabase();
    const file = join(mkdtempSync(join(tmpdir(), 'crm-worker-')), 'heartbeat');
    const env = { ...process.env, NODE_OPTIONS: '', DATABASE_URL: database.url, NATS_URL: '', CRM_SCHEDULES: '0', LOG_LEVEL: 'warn', CRM_HEARTBEAT_FILE: file };
    const worker = spawn(process.execPath, [resolve('dist/apps/worker/src/main.js')], { env, stdio: 'ignore' });
    try {
      const deadline = Date.now() + 30_000;
      while (!existsSync(file) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
      const health = spawnSync(process.execPath, [resolve('dist/apps/worker/src/main.js'), '--health'], { env, encoding: 'utf8' });
      expect([health.status, health.stdout]).toEqual([0, 'healthy\n']);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((done) => (worker.exitCode === null ? worker.once('exit', done) : done(undefined)));
      await database.drop();
    }
    expect(existsSync(file)).toBe(false);
  });
});
