import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QueryRunner } from 'typeorm';
import { loadConfig, SecretBox } from '@crm/platform';
import { WebhookSecretsEncrypted1732507700000 } from '../../libs/webhook/src/infrastructure/migrations/1732507700000-webhook-secrets-encrypted.js';
import { TestApp, type TestUser } from '../support/test-app.js';

/**
 * Webhooks are no way in: signing secrets are stored encrypted (AES-256-GCM under CRM_SECRETS_KEY), and a
 * receiver at a private, loopback or link-local address is refused (when subscribing, and after DNS
 * resolution before every delivery) unless CRM_WEBHOOK_ALLOWED_NETWORKS allows it. This app allows nothing.
 */
describe('Webhook safety: secrets at rest, private targets', () => {
  let api: TestApp;
  let admin: TestUser;
  let server: Server;
  let hits = 0;
  const box = new SecretBox(loadConfig(process.env).secretsKey);

  const subscribe = (body: object) => api.http.post('/api/v1/webhook-subscriptions').set('Authorization', admin.auth).send(body);

  beforeAll(async () => {
    api = await TestApp.start({ config: { webhookTimeoutMs: 1000, webhookBackoffBaseMs: 50, webhookRetryForSeconds: 600 } });
    admin = await api.user(['admin']);
    server = createServer((_request, response) => {
      hits += 1;
      response.writeHead(204).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    await api.close();
    await new Promise((done) => server.close(done));
  });

  it('stores the signing secret encrypted, never as sent, and opens it with the key', async () => {
    const secret = 'at-rest-secret-0123456789';
    const { body } = await subscribe({ url: 'https://erp.example.com/crm-events', eventTypePrefixes: ['pool.'], secret, active: false }).expect(201);
    const [row] = await api.tx.query<{ secret: string }>(`SELECT secret FROM webhook.subscriptions WHERE id = $1`, [body.id]);
    expect(row!.secret).toMatch(/^v1:/);
    expect(row!.secret).not.toContain('0123456789');
    expect(box.open(row!.secret)).toBe(secret);
    await api.http.patch(`/api/v1/webhook-subscriptions/${body.id}`).set('Authorization', admin.auth).send({ secret: 'rotated-secret-0123456789' }).expect(200);
    const [rotated] = await api.tx.query<{ secret: string }>(`SELECT secret FROM webhook.subscriptions WHERE id = $1`, [body.id]);
    expect(box.open(rotated!.secret)).toBe('rotated-secret-0123456789');
  });

  it('encrypts the plain-text secrets of existing subscriptions once (the migration)', async () => {
    const [row] = await api.tx.query<{ id: string }>(
      `INSERT INTO webhook.subscriptions (id, url, event_type_prefixes, secret, active) VALUES (gen_random_uuid(), 'https://old.example.com/x', '{pool.}', 'plain-old-secret-0123', false) RETURNING id`,
    );
    const runner = { query: (text: string, values?: unknown[]) => api.tx.query(text, values) } as Pick<QueryRunner, 'query'>;
    const migration = new WebhookSecretsEncrypted1732507700000();
    await migration.up(runner as QueryRunner);
    await migration.up(runner as QueryRunner);
    const [stored] = await api.tx.query<{ secret: string }>(`SELECT secret FROM webhook.subscriptions WHERE id = $1`, [row!.id]);
    expect(SecretBox.isSealed(stored!.secret)).toBe(true);
    expect(box.open(stored!.secret)).toBe('plain-old-secret-0123');
  });

  it('refuses loopback, private, link-local and unspecified targets when subscribing (422, naming the address)', async () => {
    for (const [url, address] of [
      ['http://127.0.0.1:8080/hooks', '127.0.0.1'],
      ['http://10.1.2.3/hooks', '10.1.2.3'],
      ['http://192.168.1.20/hooks', '192.168.1.20'],
      ['http://169.254.169.254/latest/meta-data', '169.254.169.254'],
      ['http://[::1]:8080/hooks', '::1'],
      ['http://0.0.0.0/hooks', '0.0.0.0'],
    ]) {
      const refused = await subscribe({ url, eventTypePrefixes: ['pool.'], secret: 'private-secret-0123456789' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'WEBHOOK.TARGET_NOT_ALLOWED', address });
    }
    const { body } = await subscribe({ url: 'https://erp.example.com/x', eventTypePrefixes: ['pool.'], secret: 'private-secret-0123456789', active: false });
    const moved = await api.http
      .patch(`/api/v1/webhook-subscriptions/${body.id}`)
      .set('Authorization', admin.auth)
      .send({ url: 'http://172.16.0.9/x' })
      .expect(422);
    expect(moved.body.code).toBe('WEBHOOK.TARGET_NOT_ALLOWED');
  });

  it('does not send to a target that resolves to a private address at delivery time: the attempt fails, nothing arrives', async () => {
    // A subscription from before the rule (or a name that now points inside): written directly.
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const [subscription] = await api.tx.query<{ id: string }>(
      `INSERT INTO webhook.subscriptions (id, url, event_type_prefixes, secret, active) VALUES (gen_random_uuid(), $1, '{customer.created}', $2, true) RETURNING id`,
      [url, box.seal('inside-secret-0123456789')],
    );
    const rep = await api.user(['sales-rep'], await api.team());
    await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise', name: '内网推送测试有限公司' }).expect(201);
    await api.settleEvents();
    let attempt: { last_error: string | null; attempts: number } | undefined;
    for (let tries = 0; tries < 100 && !(attempt && attempt.attempts > 0 && attempt.last_error); tries++) {
      await new Promise((done) => setTimeout(done, 100));
      [attempt] = await api.tx.query(`SELECT last_error, attempts FROM webhook.deliveries WHERE subscription_id = $1`, [subscription!.id]);
    }
    expect(attempt?.last_error).toContain('Target address 127.0.0.1 is private');
    expect(hits).toBe(0);
  });
});
