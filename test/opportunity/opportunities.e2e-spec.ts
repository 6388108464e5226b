import { randomUUID } from 'node:crypto';
import { TestApp, type TestUser } from '../support/test-app.js';
import { catalogProducts, createOpportunity, eventsOf, getOpportunity, customerContact, heldCustomer } from './opportunity-fixtures.js';

/** OPP-2: opportunities with intended products [意向产品], amounts that never touch floating point, and competitors [竞争对手]. */
describe('Opening and editing opportunities', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let products: string[];

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    products = await catalogProducts(api, admin, 3);
  });
  afterAll(() => api.close());

  it('opens an opportunity on a held customer in the first stage of the default pipeline, with its event', async () => {
    const customerId = await heldCustomer(api, rep);
    const created = await createOpportunity(api, rep, {
      customerId,
      name: ' 2026 年度 ERP 采购 ',
      amount: '500000',
      expectedCloseDate: '2026-12-31',
      contactIds: [await customerContact(api, rep, customerId)],
      competitors: [{ company: '某某软件', product: '某某ERP', price: '450000', strengths: '价格低', weaknesses: '实施弱', threat: 'high' }],
    }).expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/api/v1/opportunities/${created.body.id}`);
    expect(created.body).toMatchObject({
      customerId,
      customer: { name: expect.stringContaining('商机客户'), kind: 'enterprise' },
      name: '2026 年度 ERP 采购',
      type: 'new',
      previousOpportunityId: null,
      stage: { name: '初步接洽', outcome: 'open', forecastCategory: 'pipeline' },
      status: 'open',
      probability: 10,
      probabilityOverridden: false,
      amount: '500000.00',
      currency: 'CNY',
      amountFollowsLines: false,
      expectedCloseDate: '2026-12-31',
      source: { kind: 'manual', leadId: null },
      ownerId: rep.id,
      products: [],
      competitors: [{ company: '某某软件', product: '某某ERP', price: '450000.00', strengths: '价格低', weaknesses: '实施弱', threat: 'high' }],
      collaborators: [],
      lossReason: null,
      wonAt: null,
      lastActivityAt: null,
      version: 1,
    });
    expect(await eventsOf(api, created.body.id, 'opportunity.created.v1')).toEqual([
      expect.objectContaining({ customerId, ownerId: rep.id, stageName: '初步接洽', probability: 10, amount: '500000.00', currency: 'CNY' }),
    ]);
    const [history] = await api.tx.query(`SELECT from_stage_id, to_stage_name, cause FROM opportunity.stage_changes WHERE opportunity_id = $1`, [
      created.body.id,
    ]);
    expect(history).toEqual({ from_stage_id: null, to_stage_name: '初步接洽', cause: 'created' });
    // The customer 360 timeline shows it.
    await api.settleEvents();
    const timeline = await api.http.get(`/api/v1/customers/${customerId}/timeline`).set('Authorization', rep.auth).expect(200);
    expect(timeline.body.items.map((entry: { type: string }) => entry.type)).toContain('opportunity.created.v1');
  });

  it('the amount follows the product lines exactly: 0.1 + 0.2 is 0.30, three lines of 33.33 are 99.99', async () => {
    const customerId = await heldCustomer(api, rep);
    const small = await createOpportunity(api, rep, {
      customerId,
      amountFollowsLines: true,
      products: [
        { productId: products[0], quantity: '1', unitPrice: '0.1' },
        { productId: products[1], quantity: '1', unitPrice: '0.2' },
      ],
    }).expect(201);
    expect(small.body.amount).toBe('0.30');
    const thirds = await api.http
      .patch(`/api/v1/opportunities/${small.body.id}`)
      .set('Authorization', rep.auth)
      .set('If-Match', '"1"')
      .send({ products: products.map((productId) => ({ productId, quantity: '1', unitPrice: '33.33' })) })
      .expect(200);
    expect(thirds.headers.etag).toBe('"2"');
    expect(thirds.body.amount).toBe('99.99');
    expect(thirds.body.products.map((line: { amount: string }) => line.amount)).toEqual(['33.33', '33.33', '33.33']);
    const discounted = await api.http
      .patch(`/api/v1/opportunities/${small.body.id}`)
      .set('Authorization', rep.auth)
      .send({ products: [{ productId: products[0], quantity: '3', unitPrice: '33.33', discountPercent: '10' }] })
      .expect(200);
    expect(discounted.body.products).toEqual([
      { productId: products[0], productLineId: expect.any(String), quantity: '3', unitPrice: '33.33', discountPercent: '10.00', amount: '89.99' },
    ]);
    expect(discounted.body.amount).toBe('89.99');
    const [stored] = await api.tx.query<{ amount: string }>(`SELECT amount::text FROM opportunity.opportunities WHERE id = $1`, [small.body.id]);
    expect(stored!.amount).toBe('89.99');
    // A hand-set amount conflicts with following the lines, until following is turned off.
    const conflict = await api.http.patch(`/api/v1/opportunities/${small.body.id}`).set('Authorization', rep.auth).send({ amount: '100' }).expect(422);
    expect(conflict.body.code).toBe('OPPORTUNITY.AMOUNT_FOLLOWS_LINES');
    const manual = await api.http
      .patch(`/api/v1/opportunities/${small.body.id}`)
      .set('Authorization', rep.auth)
      .send({ amountFollowsLines: false, amount: '100' })
      .expect(200);
    expect(manual.body).toMatchObject({ amount: '100.00', amountFollowsLines: false });
    const updates = await eventsOf(api, small.body.id, 'opportunity.updated.v1');
    expect(updates.at(-1)).toMatchObject({ changes: { amount: { from: '89.99', to: '100.00' }, amountFollowsLines: { from: true, to: false } } });
  });

  it('money is a decimal string: numbers, more than two decimals and unknown products are refused', async () => {
    const customerId = await heldCustomer(api, rep);
    const refused = async (body: Record<string, unknown>, status: number) => (await createOpportunity(api, rep, { customerId, ...body }).expect(status)).body;
    const fields = async (body: Record<string, unknown>) => [
      ...new Set(((await refused(body, 400)).errors as { field: string }[]).map((error) => error.field)),
    ];
    expect(await fields({ amount: 100.5 })).toEqual(['amount']);
    expect(await fields({ amount: '1.005' })).toEqual(['amount']);
    expect(await fields({ amount: '-1' })).toEqual(['amount']);
    expect(await fields({ products: [{ productId: products[0], quantity: 1, unitPrice: '1' }] })).toEqual(['products.0.quantity']);
    expect(await fields({ expectedCloseDate: '2026-02-30' })).toEqual(['expectedCloseDate']);
    expect(await fields({ currency: 'rmb' })).toEqual(['currency']);
    expect(await fields({ source: { kind: 'lead' } })).toEqual(['source.leadId']);
    expect(await fields({ source: { kind: 'manual', leadId: randomUUID() } })).toEqual(['source.leadId']);
    expect((await refused({ ownerRole: 'x' }, 400)).errors).toEqual([expect.objectContaining({ field: 'ownerRole', code: 'UNKNOWN_FIELD' })]);
    expect(await refused({ products: [{ productId: randomUUID(), quantity: '1', unitPrice: '1' }] }, 422)).toMatchObject({ code: 'CATALOG.PRODUCT_NOT_FOUND' });
    expect(
      await refused(
        {
          products: [
            { productId: products[0], quantity: '1', unitPrice: '1' },
            { productId: products[0], quantity: '2', unitPrice: '1' },
          ],
        },
        400,
      ),
    ).toMatchObject({ code: 'OPPORTUNITY.DUPLICATE_PRODUCT' });
    expect(
      await refused(
        {
          competitors: [
            { company: 'A公司', threat: 'low' },
            { company: 'a公司 ', threat: 'high' },
          ],
        },
        400,
      ),
    ).toMatchObject({ code: 'OPPORTUNITY.DUPLICATE_COMPETITOR' });
    expect(await refused({ pipelineId: randomUUID() }, 422)).toMatchObject({ code: 'OPPORTUNITY.UNKNOWN_PIPELINE' });
    expect(await refused({ amountFollowsLines: true, amount: '5' }, 422)).toMatchObject({ code: 'OPPORTUNITY.AMOUNT_FOLLOWS_LINES' });
    expect(await refused({ type: 'renewal' }, 422)).toMatchObject({ code: 'OPPORTUNITY.PREVIOUS_OPPORTUNITY_REQUIRED' });
    expect(await refused({ type: 'new', previousOpportunityId: randomUUID() }, 400)).toMatchObject({ code: 'OPPORTUNITY.PREVIOUS_OPPORTUNITY_NOT_APPLICABLE' });
    expect(await refused({ type: 'upsell', previousOpportunityId: randomUUID() }, 422)).toMatchObject({ code: 'OPPORTUNITY.PREVIOUS_OPPORTUNITY_INVALID' });
    expect(await refused({ ownerId: admin.id }, 422)).toMatchObject({ code: 'OPPORTUNITY.OWNER_NOT_ASSIGNABLE' });
    expect(await api.tx.query(`SELECT 1 FROM opportunity.opportunities WHERE customer_id = $1`, [customerId])).toEqual([]);
  });

  it('edits with If-Match: a stale ETag is 412 with the current one; the owner overrides the probability only with a reason', async () => {
    const customerId = await heldCustomer(api, rep);
    const created = await createOpportunity(api, rep, { customerId }).expect(201);
    const id = created.body.id as string;
    const patch = (body: object, ifMatch?: string) => {
      const call = api.http.patch(`/api/v1/opportunities/${id}`).set('Authorization', rep.auth);
      return (ifMatch ? call.set('If-Match', ifMatch) : call).send(body);
    };
    await patch({ name: '改名' }, '"1"').expect(200);
    expect((await patch({ name: '再改' }, '"1"').expect(412)).body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"2"' });
    expect((await patch({ probability: 35 }).expect(422)).body.code).toBe('OPPORTUNITY.PROBABILITY_REASON_REQUIRED');
    const overridden = await patch({ probability: 35, probabilityReason: '客户高层已认可' }, '"2"').expect(200);
    expect(overridden.body).toMatchObject({ probability: 35, probabilityOverridden: true, probabilityReason: '客户高层已认可', version: 3 });
    const back = await patch({ probability: null }).expect(200);
    expect(back.body).toMatchObject({ probability: 10, probabilityOverridden: false, probabilityReason: null });
    // Nothing to change: no new version.
    expect((await patch({ name: '改名' }).expect(200)).body.version).toBe(4);
    expect((await getOpportunity(api, rep, id).expect(200)).headers.etag).toBe('"4"');
  });

  it('lists what the caller sees, newest first, with filters and keyset pages', async () => {
    const lister = await api.user(['sales-rep']);
    const customerA = await heldCustomer(api, lister);
    const customerB = await heldCustomer(api, lister);
    const ids: string[] = [];
    for (const customerId of [customerA, customerB, customerA]) ids.push((await createOpportunity(api, lister, { customerId }).expect(201)).body.id);
    const list = (query: Record<string, unknown>) => api.http.get('/api/v1/opportunities').query(query).set('Authorization', lister.auth).expect(200);
    const first = await list({ limit: 2 });
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await list({ limit: 2, cursor: first.body.nextCursor });
    expect(second.body).toMatchObject({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await list({ customerId: customerA })).body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[0]]);
    expect((await list({ status: 'won' })).body.items).toEqual([]);
    expect((await list({ ownerId: lister.id, status: 'open' })).body.items).toHaveLength(3);
    await api.http.get('/api/v1/opportunities').query({ status: 'closed' }).set('Authorization', lister.auth).expect(400);
    await api.http.get('/api/v1/opportunities').query({ cursor: 'bm9wZQ' }).set('Authorization', lister.auth).expect(400);
  });
});
