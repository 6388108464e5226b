import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@crm/platform';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';
import { freePort } from '../support/tcp-proxy.js';
import { createTestDatabase } from '../support/test-database.js';

/** `npm start` with nothing configured: embedded PostgreSQL in a data folder, demo data once, kept across restarts. */
describe('Start-up on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function boot() {
    const config = loadConfig({ CRM_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(config).toMatchObject({ databaseUrl: undefined, demoData: true });
    const app = await createApi(config);
    await app.init();
    return app;
  }

  it('migrates, loads the demo once, and keeps everything on the next start', async () => {
    const first = await boot();
    const login = await request(first.getHttpServer()).post('/api/v1/auth/login').send({ username: 'rep.li', password: 'demo1234' }).expect(200);
    const auth = `Bearer ${login.body.accessToken}`;
    // Demo opportunities [商机]: rep.li's three at 初步接洽, 方案报价 and won; the customer shows it was won.
    const opportunities = await request(first.getHttpServer()).get('/api/v1/opportunities').set('Authorization', auth).expect(200);
    expect(opportunities.body.items.map((item: { stage: { name: string } }) => item.stage.name).sort()).toEqual(['初步接洽', '方案报价', '赢单']);
    const funnel = await request(first.getHttpServer()).get('/api/v1/opportunities/funnel').set('Authorization', auth).expect(200);
    expect(funnel.body.stages.find((stage: { name: string }) => stage.name === '赢单')).toMatchObject({ count: 1, amount: '90000.00' });
    const created = await request(first.getHttpServer())
      .post('/api/v1/customers')
      .set('Authorization', auth)
      .send({ kind: 'enterprise', name: '重启保留测试有限公司' })
      .expect(201);
    const before = await request(first.getHttpServer()).get('/api/v1/customers').set('Authorization', auth).expect(200);
    await first.close();

    const second = await boot();
    try {
      // The token survives too: the signing key is kept in the database.
      const kept = await request(second.getHttpServer()).get(`/api/v1/customers/${created.body.id}`).set('Authorization', auth).expect(200);
      expect(kept.body.name).toBe('重启保留测试有限公司');
      const after = await request(second.getHttpServer()).get('/api/v1/customers').set('Authorization', auth).expect(200);
      expect(after.body.items).toEqual(before.body.items);
    } finally {
      await second.close();
    }
    // Two boots on the in-process embedded PostgreSQL, every migration and the demo data: minutes on a busy machine.
  }, 240_000);

  it('loads demo users on a server only when asked (CRM_DEMO=1)', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/crm' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/crm', CRM_DEMO: '1' }).demoData).toBe(true);
  });

  it('stops at start-up on an unusable environment, naming each bad variable', () => {
    const run = spawnSync(process.execPath, [resolve('dist/apps/api/src/main.js')], {
      env: { ...process.env, ACCESS_TOKEN_TTL_SECONDS: '8h', LOG_LEVEL: 'verbose', NODE_OPTIONS: '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ACCESS_TOKEN_TTL_SECONDS="8h": expected a whole number of seconds');
    expect(run.stderr).toContain('LOG_LEVEL="verbose": expected one of');
  });

  it('shows a newcomer short log lines and then the ready banner, last: Swagger URL and demo logins', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: String(port),
      LOG_FORMAT: 'pretty',
      LOG_LEVEL: 'info',
      NATS_URL: '',
      ...(database.url ? { DATABASE_URL: database.url, CRM_DEMO: '1' } : { DATABASE_URL: '', CRM_DATA_DIR: 'memory://' }),
    };
    const api = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    api.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    api.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 40_000;
      while (!output.includes('marketing.wu') && Date.now() < deadline && api.exitCode === null) await new Promise((done) => setTimeout(done, 100));
      await new Promise((done) => setTimeout(done, 500));
      const lines = output.trimEnd().split('\n');
      expect(lines.slice(-3).map((line) => line.trim().split(/\s+/)[0])).toEqual(['finance.qian', 'service.sun', 'marketing.wu']);
      expect(output).toContain(`Swagger console: http://localhost:${port}/docs`);
      expect(output).not.toContain('Mapped {');
      expect(output).not.toContain('{"level"');
      const logLines = lines.slice(
        0,
        lines.findIndex((line) => line.startsWith('CRM API ready')),
      );
      for (const line of logLines.filter((text) => text.trim() !== '')) expect(line).toMatch(/^\d\d:\d\d:\d\d (INFO |WARN ) \S+ .{1,120}$/);
    } finally {
      api.kill('SIGTERM');
      await new Promise((done) => (api.exitCode === null ? api.once('exit', done) : done(undefined)));
      await database.drop();
    }
  });
});
