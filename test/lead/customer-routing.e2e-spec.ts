import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, createPool, leadPeople, MASTER_POOL_ID, uniqueMobile } from './lead-fixtures.js';

/**
 * Existing customers [已是客户] (LEAD-2) for manual captures and web-form submissions, as for
 * imports: a new lead matching a customer someone holds (by company name, or by the mobile of one
 * of its contacts) is flagged and goes to that holder (`customer-holder`); one matching a customer
 * in the public pool is only flagged and follows the pool's rules, like one matching nobody.
 */
describe('Captures and web forms of existing customers go to the customer holder', () => {
  let api: TestApp;
  let admin: TestUser;
  let marketing: TestUser;
  let holder: TestUser;
  let employerHolder: TestUser;
  let member: TestUser;
  let pool: string;
  let held: string;
  let employer: string;
  let publicCustomer: string;
  let contactMobile: string;
  let contactOtherMobile: string;

  beforeAll(async () => {
    api = await TestApp.start();
    const people = await leadPeople(api, 3);
    admin = people.admin;
    marketing = people.marketing;
    [holder, employerHolder, member] = people.reps;
    // The pool's own rules would give every lead to `member`.
    pool = await createPool(api, marketing, {
      name: '老客户路由池',
      parentId: MASTER_POOL_ID,
      memberIds: [member.id],
      rules: { assignmentStrategy: 'round-robin' },
    });
    await api.http
      .post('/api/v1/lead-forms')
      .set('Authorization', marketing.auth)
      .send({
        key: 'routing-form',
        name: '老客户路由表单',
        poolId: pool,
        channel: 'landing-page',
        campaign: 'ROUTING-2026',
        fields: [
          { name: 'personName', required: true },
          { name: 'mobile', required: false },
          { name: 'email', required: false },
          { name: 'companyName', required: false },
        ],
        maxPerAddressPerMinute: 1000,
      })
      .expect(201);
    const customer = async (by: TestUser, body: Record<string, unknown>) =>
      (await api.http.post('/api/v1/customers').set('Authorization', by.auth).send(body).expect(201)).body.id as string;
    held = await customer(holder, { kind: 'enterprise', name: '宁波路由匹配科技有限公司' });
    employer = await customer(employerHolder, { kind: 'enterprise', name: '温州联系人就职有限公司' });
    publicCustomer = await customer(admin, { kind: 'enterprise', name: '台州公海客户有限公司', ownerId: null });
    contactMobile = uniqueMobile();
    contactOtherMobile = uniqueMobile();
    const contact = (
      await api.http
        .post('/api/v1/contacts')
        .set('Authorization', employerHolder.auth)
        .send({ name: '路由联系人', phones: [contactMobile, contactOtherMobile] })
        .expect(201)
    ).body.id as string;
    await api.http
      .post(`/api/v1/customers/${employer}/contacts`)
      .set('Authorization', employerHolder.auth)
      .send({ contactId: contact, role: 'decision-maker', startedOn: '2026-01-01' })
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
  });

  const submit = (body: Record<string, unknown>) =>
    api.http.post('/api/v1/public/forms/routing-form/submissions').set('Origin', 'https://landing.example.cn').send(body).expect(202);

  /** The lead as stored, its assignment log, and the strategy its `lead.assigned` event carries. */
  async function routingOf(personName: string) {
    await api.settleEvents();
    const [lead] = await api.tx.query<{ id: string; owner_id: string | null; matched_customer_id: string | null }>(
      `SELECT id, owner_id, matched_customer_id FROM lead.leads WHERE person_name = $1`,
      [personName],
    );
    const assignments = await api.tx.query<{ owner_id: string; how: string; strategy: string | null }>(
      `SELECT owner_id, how, strategy FROM lead.assignments WHERE lead_id = $1 ORDER BY id`,
      [lead!.id],
    );
    const events = await api.tx.query<{ ownerId: string; how: string; strategy: string | null; reason: string | null }>(
      `SELECT payload->>'ownerId' AS "ownerId", payload->>'how' AS how, payload->>'strategy' AS strategy, payload->>'reason' AS reason
         FROM platform.events WHERE type = 'lead.assigned.v1' AND aggregate_id = $1`,
      [lead!.id],
    );
    return { ownerId: lead!.owner_id, matchedCustomerId: lead!.matched_customer_id, assignments, events };
  }
  const routedTo = (ownerId: string, customerId: string) => ({
    ownerId,
    matchedCustomerId: customerId,
    assignments: [{ owner_id: ownerId, how: 'auto', strategy: 'customer-holder' }],
    events: [{ ownerId, how: 'auto', strategy: 'customer-holder', reason: `holder of customer ${customerId}` }],
  });
  const byPool = (matchedCustomerId: string | null) => ({
    ownerId: member.id,
    matchedCustomerId,
    assignments: [{ owner_id: member.id, how: 'auto', strategy: 'round-robin' }],
    events: [{ ownerId: member.id, how: 'auto', strategy: 'round-robin', reason: 'round-robin' }],
  });

  it('a manual capture matching a held customer by company name or by a contact mobile goes to the holder', async () => {
    await capture(api, marketing, { personName: '手录公司匹配', mobile: uniqueMobile(), companyName: '宁波路由匹配科技（有限公司）', poolId: pool }).expect(
      201,
    );
    expect(await routingOf('手录公司匹配')).toEqual(routedTo(holder.id, held));

    await capture(api, marketing, { personName: '手录联系人匹配', mobile: `+86 ${contactMobile}`, poolId: pool }).expect(201);
    expect(await routingOf('手录联系人匹配')).toEqual(routedTo(employerHolder.id, employer));
  });

  it('a manual capture matching a public-pool customer is only flagged; one matching nobody follows the pool rules', async () => {
    await capture(api, marketing, { personName: '手录公海匹配', mobile: uniqueMobile(), companyName: '台州公海客户有限公司', poolId: pool }).expect(201);
    expect(await routingOf('手录公海匹配')).toEqual(byPool(publicCustomer));

    await capture(api, marketing, { personName: '手录新人', mobile: uniqueMobile(), companyName: '从未合作过的手录公司', poolId: pool }).expect(201);
    expect(await routingOf('手录新人')).toEqual(byPool(null));
  });

  it('an owner given at capture stays the owner even when the lead matches a held customer', async () => {
    await capture(api, marketing, {
      personName: '手录指定负责人',
      mobile: uniqueMobile(),
      companyName: '宁波路由匹配科技有限公司',
      poolId: pool,
      ownerId: member.id,
    }).expect(201);
    const routing = await routingOf('手录指定负责人');
    expect(routing).toMatchObject({ ownerId: member.id, matchedCustomerId: held });
    expect(routing.assignments.map((a) => a.strategy)).not.toContain('customer-holder');
  });

  it('a web-form submission matching a held customer by company name or by a contact mobile goes to the holder', async () => {
    await submit({ personName: '表单公司匹配', mobile: uniqueMobile(), companyName: '宁波路由匹配科技有限公司' });
    expect(await routingOf('表单公司匹配')).toEqual(routedTo(holder.id, held));

    await submit({ personName: '表单联系人匹配', mobile: contactOtherMobile });
    expect(await routingOf('表单联系人匹配')).toEqual(routedTo(employerHolder.id, employer));
  });

  it('a web-form submission matching a public-pool customer is only flagged; one matching nobody follows the pool rules', async () => {
    await submit({ personName: '表单公海匹配', mobile: uniqueMobile(), companyName: '台州公海客户有限公司' });
    expect(await routingOf('表单公海匹配')).toEqual(byPool(publicCustomer));

    await submit({ personName: '表单新人', mobile: uniqueMobile(), companyName: '从未合作过的表单公司' });
    expect(await routingOf('表单新人')).toEqual(byPool(null));
  });

  it('an edit that gives a lead a customer’s company name or mobile flags it; one nobody works then goes to the holder', async () => {
    const grab = await createPool(api, marketing, {
      name: '编辑匹配抢单池',
      parentId: MASTER_POOL_ID,
      memberIds: [member.id],
      rules: { assignmentStrategy: 'grab' },
    });
    const edit = (leadId: string, body: Record<string, unknown>) =>
      api.http.patch(`/api/v1/leads/${leadId}`).set('Authorization', marketing.auth).send(body).expect(200);

    // Nobody works it: the new company name names a held customer, so its holder gets it.
    const unowned = (await capture(api, marketing, { personName: '编辑前无主', mobile: uniqueMobile(), companyName: '尚未识别公司', poolId: grab }).expect(201))
      .body.leadId as string;
    expect(await routingOf('编辑前无主')).toMatchObject({ ownerId: null, matchedCustomerId: null });
    await edit(unowned, { companyName: '宁波路由匹配科技有限公司' });
    expect(await routingOf('编辑前无主')).toEqual(routedTo(holder.id, held));

    // Someone works it: only flagged, it stays theirs; a later edit to a name nobody has clears the flag.
    const owned = (await capture(api, marketing, { personName: '编辑前有主', mobile: uniqueMobile(), poolId: pool }).expect(201)).body.leadId as string;
    await edit(owned, { companyName: '温州联系人就职有限公司' });
    expect(await routingOf('编辑前有主')).toEqual(byPool(employer));
    await edit(owned, { companyName: '改名后无人合作的公司' });
    expect(await routingOf('编辑前有主')).toEqual(byPool(null));
    // An edit that leaves the keys alone matches nothing again.
    await edit(unowned, { title: '采购' });
    expect((await routingOf('编辑前无主')).assignments).toHaveLength(1);
  });
});
