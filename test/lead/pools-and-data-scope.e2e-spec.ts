import { randomUUID } from 'node:crypto';
import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, getLead, handMasterPool, historyOf, MASTER_POOL_ID, recordActivity, uniqueMobile } from './lead-fixtures.js';

/**
 * Nested lead pools [线索池] (LEAD-6) and who sees what (seed 003): marketing runs the master pool,
 * each market team its sub-pool, sales their pool; a team never sees another team's pool or its
 * leads, which answer exactly like missing ones.
 */
describe('Lead pools: a tree with members and admins, and data scope across it', () => {
  let api: TestApp;
  let admin: TestUser;
  let marketingHead: TestUser;
  let eastLead: TestUser;
  let eastMember: TestUser;
  let westMember: TestUser;
  let rep: TestUser;
  let salesManager: TestUser;
  let east: string;
  let eastSub: string;
  let west: string;
  let sales: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    marketingHead = await api.user(['marketing']);
    eastLead = await api.user(['marketing']);
    eastMember = await api.user(['marketing']);
    westMember = await api.user(['marketing']);
    const salesTeam = await api.team();
    rep = await api.user(['sales-rep'], salesTeam);
    salesManager = await api.user(['sales-manager'], { departmentId: salesTeam.departmentId });
    // Administrators hand the master pool to the head of marketing, who builds the tree below it.
    await handMasterPool(api, admin, { adminIds: [marketingHead.id] });
    east = await createPool(api, marketingHead, { name: '华东市场组', parentId: MASTER_POOL_ID, adminIds: [eastLead.id], memberIds: [eastMember.id] });
    west = await createPool(api, marketingHead, { name: '华南市场组', parentId: MASTER_POOL_ID, memberIds: [westMember.id] });
    sales = await createPool(api, marketingHead, { name: '销售商机池', parentId: MASTER_POOL_ID, adminIds: [salesManager.id] });
    eastSub = await createPool(api, eastLead, { name: '华东-浙江小组', parentId: east });
  });
  afterAll(() => api.close());

  it('builds a tree of at most three levels by default, each pool with its path, people and rules as data', async () => {
    const pool = await api.http.get(`/api/v1/lead-pools/${eastSub}`).set('Authorization', eastLead.auth).expect(200);
    expect(pool.headers.etag).toBe('"1"');
    expect(pool.body).toMatchObject({
      name: '华东-浙江小组',
      parentId: east,
      depth: 3,
      treeMaxDepth: 3,
      path: [
        { id: MASTER_POOL_ID, name: '市场部线索总池' },
        { id: east, name: '华东市场组' },
        { id: eastSub, name: '华东-浙江小组' },
      ],
      rules: { assignmentStrategy: 'manual', recycleAfterDays: null, recycleTo: 'parent', maxClaimsPerDay: null, maxHeld: null },
      you: { member: false, admin: false, manages: true },
    });

    const create = (by: TestUser, body: Record<string, unknown>) => api.http.post('/api/v1/lead-pools').set('Authorization', by.auth).send(body);
    expect((await create(eastLead, { name: '第四级', parentId: eastSub }).expect(422)).body).toMatchObject({ code: 'LEAD_POOL.TOO_DEEP', maxDepth: 3 });
    expect((await create(eastLead, { name: '深度', parentId: east, maxDepth: 4 }).expect(400)).body.code).toBe('LEAD_POOL.MAX_DEPTH_ON_ROOT_ONLY');
    expect((await create(eastLead, { name: '华东-浙江小组', parentId: east }).expect(409)).body.code).toBe('LEAD_POOL.NAME_TAKEN');
    expect((await create(eastMember, { name: '成员不能建', parentId: east }).expect(403)).body.code).toBe('LEAD_POOL.NOT_ADMIN');
    expect((await create(eastLead, { name: '别组的池', parentId: west }).expect(404)).body.code).toBe('LEAD_POOL.NOT_FOUND');
    expect((await create(marketingHead, { name: '另一棵树' }).expect(403)).body.code).toBe('LEAD_POOL.ROOT_NEEDS_ADMIN');
    expect((await create(rep, { name: '销售不能建', parentId: sales }).expect(403)).body.code).toBe('AUTH.FORBIDDEN');
    const stranger = randomUUID();
    expect((await create(marketingHead, { name: '外人', parentId: east, memberIds: [stranger] }).expect(422)).body).toMatchObject({
      code: 'LEAD_POOL.INACTIVE_USERS',
      userIds: [stranger],
    });
    expect((await create(marketingHead, { name: '坏规则', parentId: east, rules: { recycleAfterDays: 0 } }).expect(400)).body.code).toBe(
      'REQUEST.VALIDATION_FAILED',
    );

    // The depth is the top-level pool's to set: never below the tree it has, higher on request.
    const master = (path: string, body: Record<string, unknown>, ifMatch?: string) => {
      const call = api.http.patch(path).set('Authorization', marketingHead.auth);
      return (ifMatch ? call.set('If-Match', ifMatch) : call).send(body);
    };
    expect((await master(`/api/v1/lead-pools/${MASTER_POOL_ID}`, { maxDepth: 2 }).expect(422)).body.code).toBe('LEAD_POOL.DEPTH_BELOW_TREE');
    const deeper = await master(`/api/v1/lead-pools/${MASTER_POOL_ID}`, { maxDepth: 4, rules: { recycleAfterDays: 30 } }).expect(200);
    expect(deeper.body).toMatchObject({ treeMaxDepth: 4, rules: { recycleAfterDays: 30, recycleTo: 'parent' } });
    const fourth = await create(eastLead, { name: '第四级', parentId: eastSub }).expect(201);
    expect(fourth.body).toMatchObject({ depth: 4, treeMaxDepth: 4 });
    expect((await master(`/api/v1/lead-pools/${east}`, { name: '华东大区' }, '"7"').expect(412)).body.code).toBe('PRECONDITION_FAILED');
    expect((await api.http.patch(`/api/v1/lead-pools/${east}`).set('Authorization', eastMember.auth).send({ name: 'x' }).expect(403)).body.code).toBe(
      'LEAD_POOL.NOT_ADMIN',
    );
  });

  it("lets a pool's members see its leads and its sub-pools' leads, never another team's (404 as if missing), by get, list, score and history", async () => {
    const inEast = (await capture(api, eastMember, { personName: '华东线索', mobile: uniqueMobile(), poolId: east }).expect(201)).body.leadId as string;
    const inEastSub = (await capture(api, eastLead, { personName: '浙江线索', mobile: uniqueMobile(), poolId: eastSub }).expect(201)).body.leadId as string;
    const inWest = (await capture(api, westMember, { personName: '华南线索', mobile: uniqueMobile(), poolId: west }).expect(201)).body.leadId as string;
    const inMaster = (await capture(api, marketingHead, { personName: '总池线索', mobile: uniqueMobile() }).expect(201)).body.leadId as string;
    // A member cannot capture into another team's pool either.
    expect((await capture(api, eastMember, { mobile: uniqueMobile(), poolId: west }).expect(404)).body.code).toBe('LEAD_POOL.NOT_FOUND');

    const listed = async (user: TestUser, query: Record<string, unknown> = {}) => {
      const page = await api.http.get('/api/v1/leads').query(query).set('Authorization', user.auth).expect(200);
      return (page.body.items as { id: string }[]).map((lead) => lead.id).filter((id) => [inEast, inEastSub, inWest, inMaster].includes(id));
    };
    expect((await listed(eastMember)).sort()).toEqual([inEast, inEastSub].sort());
    expect(await listed(westMember)).toEqual([inWest]);
    expect((await listed(marketingHead)).sort()).toEqual([inEast, inEastSub, inWest, inMaster].sort());
    expect(await listed(eastMember, { poolId: west })).toEqual([]);
    expect(await listed(eastMember, { poolId: east })).toEqual([inEast]);
    expect((await listed(eastMember, { poolId: east, includeSubPools: true })).sort()).toEqual([inEast, inEastSub].sort());

    for (const path of ['', '/score', '/history']) {
      const hidden = await api.http.get(`/api/v1/leads/${inWest}${path}`).set('Authorization', eastMember.auth).expect(404);
      const missing = await api.http.get(`/api/v1/leads/${randomUUID()}${path}`).set('Authorization', eastMember.auth).expect(404);
      expect([hidden.body.code, hidden.body.detail]).toEqual([missing.body.code, missing.body.detail]);
    }
    await getLead(api, eastMember, inEastSub).expect(200);
    await getLead(api, eastMember, inMaster).expect(404);
    await api.http.patch(`/api/v1/leads/${inWest}`).set('Authorization', eastMember.auth).send({ city: '广州' }).expect(404);
    await recordActivity(api, eastMember, inWest, { kind: 'page-view', occurredAt: new Date().toISOString() }).expect(404);

    // Pools too: a team sees its pool and those below it, not its sibling.
    const pools = await api.http.get('/api/v1/lead-pools').set('Authorization', eastMember.auth).expect(200);
    expect((pools.body.items as { name: string }[]).map((pool) => pool.name)).toEqual(['华东市场组', '华东-浙江小组', '第四级']);
    const hiddenPool = await api.http.get(`/api/v1/lead-pools/${west}`).set('Authorization', eastMember.auth).expect(404);
    const missingPool = await api.http.get(`/api/v1/lead-pools/${randomUUID()}`).set('Authorization', eastMember.auth).expect(404);
    expect(hiddenPool.body.code).toBe(missingPool.body.code);
  });

  it("lets owners see their own leads, and a manager's department scope the leads its people own", async () => {
    const owned = (await capture(api, westMember, { personName: '分配给销售', mobile: uniqueMobile(), poolId: west, ownerId: rep.id }).expect(201)).body;
    expect(owned.lead).toMatchObject({ ownerId: rep.id, assignedAt: expect.any(String) });
    const other = (await capture(api, westMember, { personName: '无人负责', mobile: uniqueMobile(), poolId: west }).expect(201)).body.leadId as string;

    await getLead(api, rep, owned.leadId).expect(200);
    await getLead(api, rep, other).expect(404);
    const repList = await api.http.get('/api/v1/leads').set('Authorization', rep.auth).expect(200);
    expect((repList.body.items as { id: string }[]).map((lead) => lead.id)).toEqual([owned.leadId]);
    // The owner works it: an edit and a call outcome.
    await api.http.patch(`/api/v1/leads/${owned.leadId}`).set('Authorization', rep.auth).send({ title: '经理' }).expect(200);
    await recordActivity(api, rep, owned.leadId, { kind: 'call-outcome', outcome: 'connected', occurredAt: new Date().toISOString() }).expect(201);

    const managerList = await api.http.get('/api/v1/leads').query({ ownerId: rep.id }).set('Authorization', salesManager.auth).expect(200);
    expect((managerList.body.items as { id: string }[]).map((lead) => lead.id)).toEqual([owned.leadId]);
    await getLead(api, salesManager, other).expect(404);
  });

  it('moves a lead between pools by their admins and keeps the path it took; the old team stops seeing it at once', async () => {
    const leadId = (await capture(api, eastMember, { personName: '流转线索', mobile: uniqueMobile(), poolId: east }).expect(201)).body.leadId as string;
    const move = (by: TestUser, toPoolId: string, reason = '分配') =>
      api.http.post(`/api/v1/leads/${leadId}/moves`).set('Authorization', by.auth).send({ toPoolId, reason });

    expect((await move(eastMember, eastSub).expect(403)).body.code).toBe('LEAD.NOT_POOL_ADMIN');
    expect((await move(eastLead, west).expect(404)).body.code).toBe('LEAD_POOL.NOT_FOUND');
    expect((await move(eastLead, east).expect(409)).body.code).toBe('LEAD.ALREADY_IN_POOL');
    const down = await move(eastLead, eastSub, '浙江客户交给浙江小组').expect(200);
    expect(down.headers.etag).toBe('"2"');
    expect(down.body).toMatchObject({ leadId, poolId: eastSub, version: 2 });
    expect(down.body.lead.pool).toMatchObject({ id: eastSub, path: [{ id: MASTER_POOL_ID }, { id: east }, { id: eastSub }] });
    // Back up the lead's own path is allowed to a sub-pool admin: to the master pool.
    const up = await move(eastLead, MASTER_POOL_ID, '不属于华东，退回总池').expect(200);
    // Moved out of the mover's reach: done, without showing the lead.
    expect(up.body).toMatchObject({ leadId, poolId: MASTER_POOL_ID, version: 3, lead: null });
    await getLead(api, eastMember, leadId).expect(404);
    // Marketing passes it to the sales pool; the sales manager sees it, the team does not.
    const toSales = await move(marketingHead, sales, '高意向，转销售').expect(200);
    expect(
      toSales.body.lead.poolHistory.map((stay: { pool: { name: string }; reason: string; leftAt: string | null }) => [
        stay.pool.name,
        stay.reason,
        stay.leftAt === null,
      ]),
    ).toEqual([
      ['华东市场组', 'captured', false],
      ['华东-浙江小组', '浙江客户交给浙江小组', false],
      ['市场部线索总池', '不属于华东，退回总池', false],
      ['销售商机池', '高意向，转销售', true],
    ]);
    await getLead(api, salesManager, leadId).expect(200);
    await getLead(api, eastLead, leadId).expect(404);

    const history = await historyOf(api, salesManager, leadId);
    expect(history.filter((line) => line.what === 'moved').map((line) => [line.where.poolName, line.why, line.who.id])).toEqual([
      ['华东-浙江小组', '浙江客户交给浙江小组', eastLead.id],
      ['市场部线索总池', '不属于华东，退回总池', eastLead.id],
      ['销售商机池', '高意向，转销售', marketingHead.id],
    ]);
    expect(history.find((line) => line.what === 'moved')!.detail).toMatchObject({
      fromPoolId: east,
      fromPath: [MASTER_POOL_ID, east],
      toPath: [MASTER_POOL_ID, east, eastSub],
    });
  });
});
