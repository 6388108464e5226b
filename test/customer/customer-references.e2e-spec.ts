import type { Response } from 'supertest';
import { TestApp, type TestUser } from '../support/test-app.js';

const NOWHERE = '01900000-0000-7000-8000-00000000dead';

/** The problem document without what differs per request. */
function problemOf(response: Response) {
  return { status: response.status, body: { ...response.body, instance: null, correlationId: null } };
}

/**
 * Every id a caller submits is checked against their data scope, and one outside it answers
 * exactly as an id that does not exist: a rep cannot learn which hidden customers, contacts or
 * users exist by referring to them.
 */
describe("References to records outside the caller's data scope", () => {
  let api: TestApp;
  let alice: TestUser; // sales rep
  let bob: TestUser; // sales rep, same team
  let carol: TestUser; // sales rep, another department
  let manager: TestUser; // sales manager of alice's and bob's department
  let bobsCustomer: string;
  let poolCustomer: string;
  let alicesCustomer: string;

  const create = (user: TestUser, body: Record<string, unknown>) => api.http.post('/api/v1/customers').set('Authorization', user.auth).send(body);
  const patch = (user: TestUser, id: string, body: Record<string, unknown>) =>
    api.http.patch(`/api/v1/customers/${id}`).set('Authorization', user.auth).send(body);

  beforeAll(async () => {
    api = await TestApp.start();
    const team = await api.team();
    alice = await api.user(['sales-rep'], team);
    bob = await api.user(['sales-rep'], team);
    carol = await api.user(['sales-rep'], await api.team());
    manager = await api.user(['sales-manager'], { departmentId: team.departmentId });
    const admin = await api.user(['admin']);
    bobsCustomer = (await create(bob, { kind: 'enterprise', name: '鲍勃集团有限公司' }).expect(201)).body.id;
    poolCustomer = (await create(admin, { kind: 'enterprise', name: '公海集团有限公司', ownerId: null }).expect(201)).body.id;
    alicesCustomer = (await create(alice, { kind: 'enterprise', name: '爱丽丝子公司有限公司' }).expect(201)).body.id;
  });
  afterAll(() => api.close());

  it("parentId on create: another rep's customer answers exactly as a customer that does not exist", async () => {
    const hidden = await create(alice, { kind: 'enterprise', name: '探测一有限公司', parentId: bobsCustomer });
    const missing = await create(alice, { kind: 'enterprise', name: '探测一有限公司', parentId: NOWHERE });
    expect(hidden.status).toBe(422);
    expect(hidden.body.code).toBe('CUSTOMER.PARENT_NOT_FOUND');
    expect(problemOf(hidden)).toEqual(problemOf(missing));
  });

  it('parentId on update: the same', async () => {
    const hidden = await patch(alice, alicesCustomer, { parentId: bobsCustomer });
    const missing = await patch(alice, alicesCustomer, { parentId: NOWHERE });
    expect(hidden.status).toBe(422);
    expect(problemOf(hidden)).toEqual(problemOf(missing));
    const unchanged = await api.http.get(`/api/v1/customers/${alicesCustomer}`).set('Authorization', alice.auth).expect(200);
    expect(unchanged.body.parentId).toBeNull();
  });

  it('parentId may be a customer in the public pool, one of your own, or one in your scope', async () => {
    const child = await create(alice, { kind: 'enterprise', name: '公海子公司有限公司', parentId: poolCustomer }).expect(201);
    expect(child.body.parentId).toBe(poolCustomer);
    const moved = await patch(alice, child.body.id, { parentId: alicesCustomer }).expect(200);
    expect(moved.body.parentId).toBe(alicesCustomer);
    const managed = await patch(manager, alicesCustomer, { parentId: bobsCustomer }).expect(200);
    expect(managed.body.parentId).toBe(bobsCustomer);
  });

  it('ownerId on create: a user outside your scope answers as a user that does not exist', async () => {
    const outside = await create(alice, { kind: 'enterprise', name: '转手有限公司', ownerId: carol.id });
    const missing = await create(alice, { kind: 'enterprise', name: '转手有限公司', ownerId: NOWHERE });
    expect(outside.body.code).toBe('CUSTOMER.OWNER_NOT_ASSIGNABLE');
    expect(problemOf(outside)).toEqual(problemOf(missing));
  });

  it('group members: a hidden customer answers as a missing one', async () => {
    const group = (await api.http.post('/api/v1/groups').set('Authorization', alice.auth).send({ name: '引用测试' }).expect(201)).body.id;
    const members = (id: string) =>
      api.http
        .post(`/api/v1/groups/${group}/members`)
        .set('Authorization', alice.auth)
        .send({ customerIds: [id] });
    const hidden = await members(bobsCustomer);
    expect(hidden.status).toBe(404);
    expect(problemOf(hidden)).toEqual(problemOf(await members(NOWHERE)));
    const removeHidden = await api.http.delete(`/api/v1/groups/${group}/members/${bobsCustomer}`).set('Authorization', alice.auth);
    const removeMissing = await api.http.delete(`/api/v1/groups/${group}/members/${NOWHERE}`).set('Authorization', alice.auth);
    expect(removeHidden.status).toBe(404);
    expect(problemOf(removeHidden)).toEqual(problemOf(removeMissing));
  });

  it('contacts: a hidden customer or contact in a link or record answers as a missing one', async () => {
    const mine = (await api.http.post('/api/v1/contacts').set('Authorization', alice.auth).send({ name: '引用甲' }).expect(201)).body.id;
    const bobs = (await api.http.post('/api/v1/contacts').set('Authorization', bob.auth).send({ name: '引用乙' }).expect(201)).body.id;
    const link = (customerId: string, contactId: string) =>
      api.http.post(`/api/v1/customers/${customerId}/contacts`).set('Authorization', alice.auth).send({ contactId, role: 'user' });
    const hiddenCustomer = await link(bobsCustomer, mine);
    expect(hiddenCustomer.status).toBe(404);
    expect(problemOf(hiddenCustomer)).toEqual(problemOf(await link(NOWHERE, mine)));
    const hiddenContact = await link(alicesCustomer, bobs);
    expect(hiddenContact.status).toBe(404);
    expect(problemOf(hiddenContact)).toEqual(problemOf(await link(alicesCustomer, NOWHERE)));

    const record = (customerId: string) =>
      api.http.post(`/api/v1/contacts/${mine}/records`).set('Authorization', alice.auth).send({ kind: 'note', content: 'x', customerId });
    const hiddenRecord = await record(bobsCustomer);
    expect(hiddenRecord.status).toBe(404);
    expect(problemOf(hiddenRecord)).toEqual(problemOf(await record(NOWHERE)));

    const change = (customerId: string) =>
      api.http.patch(`/api/v1/customers/${customerId}/contacts/${mine}`).set('Authorization', alice.auth).send({ role: 'finance' });
    const hiddenChange = await change(bobsCustomer);
    expect(hiddenChange.status).toBe(404);
    expect(problemOf(hiddenChange)).toEqual(problemOf(await change(NOWHERE)));
  });
});
