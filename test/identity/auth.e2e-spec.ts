import { TestApp, type TestUser } from '../support/test-app.js';

describe('Authentication, roles and administration', () => {
  let api: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
  });
  afterAll(() => api.close());

  it('logs in with the right password only, without saying which part was wrong', async () => {
    const rep = await api.user(['sales-rep']);
    const wrong = await api.http.post('/api/v1/auth/login').send({ username: rep.username, password: 'nope-nope' }).expect(401);
    const unknown = await api.http.post('/api/v1/auth/login').send({ username: 'nobody.here', password: 'nope-nope' }).expect(401);
    expect(wrong.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    expect(unknown.body.detail).toBe(wrong.body.detail);
    const ok = await api.http.post('/api/v1/auth/login').send({ username: rep.username.toUpperCase(), password: 'password-123' }).expect(200);
    expect(ok.body).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number), accessToken: expect.any(String) });
  });

  it('answers 401 without a token, with a forged one, and 403 without the permission', async () => {
    const none = await api.http.get('/api/v1/me').expect(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body.code).toBe('AUTH.UNAUTHENTICATED');
    const [header, payload] = admin.token.split('.');
    await api.http.get('/api/v1/me').set('Authorization', `Bearer ${header}.${payload}.forged`).expect(401);
    const rep = await api.user(['sales-rep']);
    const forbidden = await api.http.get('/api/v1/admin/users').set('Authorization', rep.auth).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'AUTH.FORBIDDEN', missingPermissions: ['org:manage'] });
  });

  it('tells a client who it is and what it may do', async () => {
    const team = await api.team();
    const manager = await api.user(['sales-manager'], team);
    const me = await api.http.get('/api/v1/me').set('Authorization', manager.auth).expect(200);
    expect(me.body).toMatchObject({
      id: manager.id,
      roles: ['sales-manager'],
      dataScope: 'department',
      departmentId: team.departmentId,
      teamId: team.teamId,
    });
    expect(me.body.permissions).toEqual(expect.arrayContaining(['customer:read', 'customer:configure']));
    expect(me.body.permissions).not.toContain('org:manage');
  });

  it('lets an admin build the organisation and staff it', async () => {
    const department = await api.http.post('/api/v1/admin/departments').set('Authorization', admin.auth).send({ name: '华南销售部' }).expect(201);
    const team = await api.http
      .post('/api/v1/admin/teams')
      .set('Authorization', admin.auth)
      .send({ name: '深圳一组', departmentId: department.body.id })
      .expect(201);
    const created = await api.http
      .post('/api/v1/admin/users')
      .set('Authorization', admin.auth)
      .send({ username: 'rep.huang', displayName: '黄销售', password: 'long-enough-1', roles: ['sales-rep'], teamId: team.body.id })
      .expect(201);
    expect(created.body).toMatchObject({ departmentId: department.body.id, teamId: team.body.id, active: true });
    expect(created.headers.location).toBe(`/api/v1/admin/users/${created.body.id}`);
    const taken = await api.http
      .post('/api/v1/admin/users')
      .set('Authorization', admin.auth)
      .send({ username: 'REP.HUANG', displayName: 'x', password: 'long-enough-1', roles: ['sales-rep'] })
      .expect(409);
    expect(taken.body.code).toBe('USER.USERNAME_TAKEN');
    await api.http.post('/api/v1/admin/departments').set('Authorization', admin.auth).send({ name: '华南销售部' }).expect(409);
    const badRole = await api.http
      .post('/api/v1/admin/users')
      .set('Authorization', admin.auth)
      .send({ username: 'x.y', displayName: 'x', password: 'long-enough-1', roles: ['overlord'] })
      .expect(400);
    expect(badRole.body.errors[0]).toMatchObject({ field: 'roles' });

    const list = await api.http.get('/api/v1/admin/users').query({ limit: 200 }).set('Authorization', admin.auth).expect(200);
    expect(list.body.items.map((user: { username: string }) => user.username)).toContain('rep.huang');
  });

  it('revokes access at once when a user is deactivated, and old tokens when the password changes', async () => {
    const rep = await api.user(['sales-rep']);
    await api.http.get('/api/v1/me').set('Authorization', rep.auth).expect(200);
    const current = await api.http.get(`/api/v1/admin/users/${rep.id}`).set('Authorization', admin.auth).expect(200);
    await api.http
      .patch(`/api/v1/admin/users/${rep.id}`)
      .set('Authorization', admin.auth)
      .set('If-Match', current.headers.etag!)
      .send({ active: false })
      .expect(200);
    await api.http.get('/api/v1/me').set('Authorization', rep.auth).expect(401);
    await api.http.post('/api/v1/auth/login').send({ username: rep.username, password: 'password-123' }).expect(401);
    await api.http
      .patch(`/api/v1/admin/users/${rep.id}`)
      .set('Authorization', admin.auth)
      .set('If-Match', current.headers.etag!)
      .send({ active: true })
      .expect(412);

    const other = await api.user(['sales-rep']);
    await api.http.patch(`/api/v1/admin/users/${other.id}`).set('Authorization', admin.auth).send({ password: 'brand-new-pass' }).expect(200);
    await api.http.get('/api/v1/me').set('Authorization', other.auth).expect(401);
    const fresh = await api.login(other.username, 'brand-new-pass');
    await api.http.get('/api/v1/me').set('Authorization', `Bearer ${fresh}`).expect(200);
  });

  it('applies role changes on the next request, without a new token', async () => {
    const user = await api.user(['marketing']);
    await api.http.get('/api/v1/admin/users').set('Authorization', user.auth).expect(403);
    await api.http
      .patch(`/api/v1/admin/users/${user.id}`)
      .set('Authorization', admin.auth)
      .send({ roles: ['admin'] })
      .expect(200);
    await api.http.get('/api/v1/admin/users').set('Authorization', user.auth).expect(200);
  });

  it('rate-limits password guessing per address and username with 429 and Retry-After', async () => {
    const target = await api.user(['sales-rep']);
    let last = 401;
    let retryAfter: string | undefined;
    for (let attempt = 0; attempt < 12 && last !== 429; attempt++) {
      const response = await api.http.post('/api/v1/auth/login').send({ username: target.username, password: 'guess-guess' });
      last = response.status;
      retryAfter = response.headers['retry-after'];
      if (last === 429) expect(response.body.code).toBe('REQUEST.RATE_LIMITED');
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another username from the same address is not locked out.
    await api.http.post('/api/v1/auth/login').send({ username: admin.username, password: 'password-123' }).expect(200);
  });
});
