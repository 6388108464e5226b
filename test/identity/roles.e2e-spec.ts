import pg from 'pg';
import type { Test } from 'supertest';
import { serverUrl } from '../support/test-database.js';
import { TestApp, type TestUser } from '../support/test-app.js';

/** X-1, X-2: administrators define roles [角色] as data: permissions from the contexts' catalogue and a data scope. */
describe('Roles and permissions as data', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser; // sales rep, team 1
  let colleague: TestUser; // sales rep, team 2 of the same department
  let outsider: TestUser; // sales rep, another department
  let team: { departmentId: string; teamId: string };
  const customers: Record<'rep' | 'colleague' | 'outsider', string> = { rep: '', colleague: '', outsider: '' };

  const asAdmin = (test: Test): Test => test.set('Authorization', admin.auth);
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    team = await api.team();
    const otherTeam = (await asAdmin(api.http.post('/api/v1/admin/teams')).send({ name: '二组', departmentId: team.departmentId }).expect(201)).body;
    rep = await api.user(['sales-rep'], team);
    colleague = await api.user(['sales-rep'], { teamId: otherTeam.id });
    outsider = await api.user(['sales-rep'], await api.team());
    for (const [who, user] of [
      ['rep', rep],
      ['colleague', colleague],
      ['outsider', outsider],
    ] as const) {
      customers[who] = (
        await api.http
          .post('/api/v1/customers')
          .set('Authorization', user.auth)
          .send({ kind: 'enterprise', name: `角色测试${who}有限公司` })
          .expect(201)
      ).body.id;
    }
  });
  afterAll(() => api.close());

  it('serves the permission catalogue each context declares, with what each allows', async () => {
    const { body } = await asAdmin(api.http.get('/api/v1/permissions')).expect(200);
    expect(body.nextCursor).toBeNull();
    const byKey = new Map((body.items as { key: string; context: string; description: string }[]).map((permission) => [permission.key, permission]));
    expect(byKey.get('customer:read')).toEqual({ key: 'customer:read', context: 'customer', description: expect.stringContaining('客户') });
    expect(byKey.get('org:manage')).toMatchObject({ context: 'identity' });
    expect(byKey.get('events:read')).toMatchObject({ context: 'platform' });
    for (const key of ['contact:read', 'catalog:manage', 'approval:decide', 'pool:claim', 'events:read']) expect(byKey.has(key)).toBe(true);
  });

  it('starts with the seven default roles, as they were', async () => {
    const { body } = await asAdmin(api.http.get('/api/v1/roles')).expect(200);
    expect(body.nextCursor).toBeNull();
    const keys = body.items.map((role: { key: string }) => role.key);
    expect(keys).toEqual(expect.arrayContaining(['admin', 'sales-manager', 'sales-rep', 'marketing', 'finance', 'service-agent', 'line-head']));
    const salesRep = await asAdmin(api.http.get('/api/v1/roles/sales-rep')).expect(200);
    expect(salesRep.headers.etag).toBe(`"${salesRep.body.version}"`);
    expect(salesRep.body).toMatchObject({ key: 'sales-rep', name: '销售', dataScope: 'own' });
    expect(salesRep.body.permissions).toEqual(
      expect.arrayContaining(['customer:read', 'customer:create', 'customer:update', 'customer:follow-up', 'pool:claim']),
    );
  });

  it('区域经理: a new role with customer:read and department scope, assigned, edited, taking effect on the next request', async () => {
    const created = await asAdmin(api.http.post('/api/v1/roles'))
      .send({ key: 'regional-manager', name: '区域经理', description: 'Regional manager', permissions: ['customer:read'], dataScope: 'department' })
      .expect(201);
    expect(created.headers.location).toBe('/api/v1/roles/regional-manager');
    expect(created.body).toMatchObject({ key: 'regional-manager', name: '区域经理', permissions: ['customer:read'], dataScope: 'department', version: 1 });

    const user = await asAdmin(api.http.post('/api/v1/admin/users'))
      .send({ username: 'regional.zhang', displayName: '张区域', password: 'long-enough-1', roles: ['regional-manager'], teamId: team.teamId })
      .expect(201);
    const auth = `Bearer ${await api.login('regional.zhang', 'long-enough-1')}`;
    const me = await api.http.get('/api/v1/me').set('Authorization', auth).expect(200);
    expect(me.body).toMatchObject({ id: user.body.id, roles: ['regional-manager'], permissions: ['customer:read'], dataScope: 'department' });

    // The department's customers, both teams; not another department's.
    const seen = ids((await api.http.get('/api/v1/customers').set('Authorization', auth).expect(200)).body);
    expect(seen).toEqual(expect.arrayContaining([customers.rep, customers.colleague]));
    expect(seen).not.toContain(customers.outsider);
    await api.http.get(`/api/v1/customers/${customers.outsider}`).set('Authorization', auth).expect(404);

    // Anything else is a 403 that names the missing permission.
    const denied = await api.http.post('/api/v1/customers').set('Authorization', auth).send({ kind: 'enterprise', name: '区域新建有限公司' }).expect(403);
    expect(denied.body).toMatchObject({ code: 'AUTH.FORBIDDEN', missingPermissions: ['customer:create'] });
    const contacts = await api.http.get('/api/v1/contacts').set('Authorization', auth).expect(403);
    expect(contacts.body.missingPermissions).toEqual(['contact:read']);

    // Editing the role applies on the user's next request, with the same token.
    const edited = await asAdmin(api.http.patch('/api/v1/roles/regional-manager'))
      .set('If-Match', created.headers.etag!)
      .send({ permissions: ['customer:read', 'customer:create', 'contact:read'] })
      .expect(200);
    expect(edited.headers.etag).toBe('"2"');
    await api.http.post('/api/v1/customers').set('Authorization', auth).send({ kind: 'enterprise', name: '区域新建有限公司' }).expect(201);
    await api.http.get('/api/v1/contacts').set('Authorization', auth).expect(200);

    // So does narrowing its data scope.
    await asAdmin(api.http.patch('/api/v1/roles/regional-manager')).send({ dataScope: 'own' }).expect(200);
    await api.http.get(`/api/v1/customers/${customers.colleague}`).set('Authorization', auth).expect(404);

    // A stale If-Match is refused; nothing changes.
    const stale = await asAdmin(api.http.patch('/api/v1/roles/regional-manager')).set('If-Match', created.headers.etag!).send({ dataScope: 'all' }).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect((await asAdmin(api.http.get('/api/v1/roles/regional-manager')).expect(200)).body.dataScope).toBe('own');

    // A role in use cannot be deleted; once nobody holds it, it can.
    const inUse = await asAdmin(api.http.delete('/api/v1/roles/regional-manager')).expect(409);
    expect(inUse.body).toMatchObject({ code: 'ROLE.IN_USE', holders: 1 });
    await asAdmin(api.http.patch(`/api/v1/admin/users/${user.body.id}`))
      .send({ roles: ['sales-rep'] })
      .expect(200);
    await asAdmin(api.http.delete('/api/v1/roles/regional-manager')).set('If-Match', '"1"').expect(412);
    await asAdmin(api.http.delete('/api/v1/roles/regional-manager')).expect(204);
    const gone = await asAdmin(api.http.get('/api/v1/roles/regional-manager')).expect(404);
    expect(gone.body.code).toBe('ROLE.NOT_FOUND');
  });

  it('refuses permissions no context declares, duplicate keys, and users with roles that do not exist', async () => {
    const unknown = await asAdmin(api.http.post('/api/v1/roles'))
      .send({ key: 'telesales', name: '电销坐席', permissions: ['customer:read', 'customer:fly'], dataScope: 'own' })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'ROLE.UNKNOWN_PERMISSION', unknownPermissions: ['customer:fly'] });
    await asAdmin(api.http.post('/api/v1/roles'))
      .send({ key: 'telesales', name: '电销坐席', permissions: ['customer:read'], dataScope: 'own' })
      .expect(201);
    const onEdit = await asAdmin(api.http.patch('/api/v1/roles/telesales'))
      .send({ permissions: ['root'] })
      .expect(400);
    expect(onEdit.body.code).toBe('ROLE.UNKNOWN_PERMISSION');
    const taken = await asAdmin(api.http.post('/api/v1/roles')).send({ key: 'telesales', name: 'x', permissions: [], dataScope: 'own' }).expect(409);
    expect(taken.body.code).toBe('ROLE.KEY_TAKEN');
    const badScope = await asAdmin(api.http.post('/api/v1/roles'))
      .send({ key: 'key-account', name: '大客户销售', permissions: [], dataScope: 'galaxy' })
      .expect(400);
    expect(badScope.body.errors[0]).toMatchObject({ field: 'dataScope' });

    const noSuchRole = await asAdmin(api.http.post('/api/v1/admin/users'))
      .send({ username: 'ghost.role', displayName: 'x', password: 'long-enough-1', roles: ['sales-rep', 'no-such-role'] })
      .expect(400);
    expect(noSuchRole.body).toMatchObject({ code: 'USER.UNKNOWN_ROLE', unknownRoles: ['no-such-role'], errors: [expect.objectContaining({ field: 'roles' })] });
    await asAdmin(api.http.patch(`/api/v1/admin/users/${rep.id}`))
      .send({ roles: ['no-such-role'] })
      .expect(400);
  });

  it('is for administrators only (org:manage)', async () => {
    for (const call of [
      api.http.get('/api/v1/roles'),
      api.http.get('/api/v1/roles/sales-rep'),
      api.http.get('/api/v1/permissions'),
      api.http.post('/api/v1/roles').send({ key: 'self-made', name: 'x', permissions: ['org:manage'], dataScope: 'all' }),
      api.http.patch('/api/v1/roles/sales-rep').send({ dataScope: 'all' }),
      api.http.delete('/api/v1/roles/marketing'),
    ]) {
      const denied = await call.set('Authorization', rep.auth).expect(403);
      expect(denied.body).toMatchObject({ code: 'AUTH.FORBIDDEN', missingPermissions: ['org:manage'] });
    }
  });

  (serverUrl ? it : it.skip)('answers 409 CONCURRENT_MODIFICATION when another edit wins the race (PostgreSQL server)', async () => {
    await asAdmin(api.http.post('/api/v1/roles')).send({ key: 'raced', name: '竞争', permissions: [], dataScope: 'own' }).expect(201);
    const other = new pg.Client({ connectionString: api.config.databaseUrl });
    await other.connect();
    try {
      // Another writer has changed the role but not committed: the request reads version 1, then waits on the row.
      await other.query('BEGIN');
      await other.query(`UPDATE identity.roles SET name = '别人改的', version = version + 1 WHERE key = 'raced'`);
      const pending = asAdmin(api.http.patch('/api/v1/roles/raced'))
        .send({ name: '我改的' })
        .then((response) => response);
      const waiting = async () =>
        (await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n > 0;
      for (let attempt = 0; attempt < 100 && !(await waiting()); attempt++) await new Promise((done) => setTimeout(done, 20));
      await other.query('COMMIT');
      const lost = await pending;
      expect(lost.status).toBe(409);
      expect(lost.body.code).toBe('CONCURRENT_MODIFICATION');
      expect((await asAdmin(api.http.get('/api/v1/roles/raced')).expect(200)).body.name).toBe('别人改的');
    } finally {
      await other.end();
    }
  });
});
