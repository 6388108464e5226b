import pg from 'pg';
import { TestApp, type TestUser } from '../support/test-app.js';

/**
 * Each API process keeps the acting users it resolved in memory. A change to a user or a role
 * applies to the very next request on the replica that made it, and on every other replica as
 * soon as PostgreSQL's notice reaches it (milliseconds; the specs allow two seconds on a busy box).
 */
describe('Acting users cached per process, across two replicas', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    first = await TestApp.start();
    second = await TestApp.start({ sharedWith: first });
    admin = await first.user(['admin']);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const me = (api: TestApp, user: TestUser) => api.http.get('/api/v1/me').set('Authorization', user.auth);

  /** The status `request` answers once the other replica heard of the change, within two seconds. */
  async function settledStatus(request: () => PromiseLike<{ status: number }>, expected: number): Promise<number> {
    const deadline = Date.now() + 2000;
    for (;;) {
      const { status } = await request();
      if (status === expected || Date.now() > deadline) return status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('rejects a deactivated user on both replicas on their next request, with both caches warm', async () => {
    const rep = await first.user(['sales-rep']);
    for (const api of [first, second, first, second]) await me(api, rep).expect(200);
    const current = await first.http.get(`/api/v1/admin/users/${rep.id}`).set('Authorization', admin.auth).expect(200);
    await first.http
      .patch(`/api/v1/admin/users/${rep.id}`)
      .set('Authorization', admin.auth)
      .set('If-Match', current.headers.etag!)
      .send({ active: false })
      .expect(200);
    await me(first, rep).expect(401);
    expect(await settledStatus(() => me(second, rep), 401)).toBe(401);
  });

  it('applies a role change made on one replica to the next request on the other', async () => {
    const user = await first.user(['marketing']);
    await first.http.get('/api/v1/admin/users').set('Authorization', user.auth).expect(403);
    await second.http.get('/api/v1/admin/users').set('Authorization', user.auth).expect(403);
    await first.http
      .patch(`/api/v1/admin/users/${user.id}`)
      .set('Authorization', admin.auth)
      .send({ roles: ['admin'] })
      .expect(200);
    await first.http.get('/api/v1/admin/users').set('Authorization', user.auth).expect(200);
    expect(await settledStatus(() => second.http.get('/api/v1/admin/users').set('Authorization', user.auth), 200)).toBe(200);
  });

  it("applies a change to a role's permissions to everyone holding it", async () => {
    const key = `cache-role-${Date.now()}`;
    await first.http
      .post('/api/v1/roles')
      .set('Authorization', admin.auth)
      .send({ key, name: 'Cache role', description: 'Reads customers.', permissions: ['customer:read'], dataScope: 'own' })
      .expect(201);
    const holder = await first.user([key]);
    await first.http.get('/api/v1/admin/users').set('Authorization', holder.auth).expect(403);
    await second.http.get('/api/v1/admin/users').set('Authorization', holder.auth).expect(403);
    const role = await first.http.get(`/api/v1/roles/${key}`).set('Authorization', admin.auth).expect(200);
    await first.http
      .patch(`/api/v1/roles/${key}`)
      .set('Authorization', admin.auth)
      .set('If-Match', role.headers.etag!)
      .send({ permissions: ['customer:read', 'org:manage'] })
      .expect(200);
    await first.http.get('/api/v1/admin/users').set('Authorization', holder.auth).expect(200);
    expect(await settledStatus(() => second.http.get('/api/v1/admin/users').set('Authorization', holder.auth), 200)).toBe(200);
  });

  it('drops cached users when the database is changed directly, by an operator or a migration', async () => {
    const rep = await first.user(['sales-rep']);
    await me(first, rep).expect(200);
    await me(second, rep).expect(200);
    const operator = new pg.Client({ connectionString: first.config.databaseUrl });
    await operator.connect();
    try {
      await operator.query(`UPDATE identity.users SET active = false WHERE id = $1`, [rep.id]);
    } finally {
      await operator.end();
    }
    // Neither replica made this change: both learn of it from PostgreSQL's notice.
    expect(await settledStatus(() => me(first, rep), 401)).toBe(401);
    expect(await settledStatus(() => me(second, rep), 401)).toBe(401);
  });
});
