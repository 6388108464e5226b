import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@crm/platform';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api.js';

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
  });

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
});
