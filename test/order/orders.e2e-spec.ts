import { TestApp, type TestUser } from '../support/test-app.js';
import { approveOrder, createOrder, eventsOf, heldCustomer, pricedList, product, productLine, recordPayment } from './order-fixtures.js';

/** ORD-1 / ORD-2 / ORD-3: orders priced from price lists, approval that locks them, payments, and the enforced hand-off [转案]. */
describe('Orders [订单]', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let manager: TestUser;
  let finance: TestUser;
  let lineId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    const team = await api.team();
    rep = await api.user(['sales-rep'], team);
    otherRep = await api.user(['sales-rep'], team);
    manager = await api.user(['sales-manager'], team);
    finance = await api.user(['finance']);
    lineId = await productLine(api, admin);
  });
  afterAll(() => api.close());

  it('computes line totals and the order total exactly on awkward amounts (0.1 + 0.2, three lines of 33.33)', async () => {
    const [a, b, c] = [await product(api, admin, lineId), await product(api, admin, lineId), await product(api, admin, lineId)];
    const customerId = await heldCustomer(api, rep);
    const tenths = await pricedList(api, admin, [
      [a, '0.10'],
      [b, '0.20'],
    ]);
    const first = await createOrder(api, rep, {
      customerId,
      priceListId: tenths,
      lines: [
        { productId: a, quantity: '1' },
        { productId: b, quantity: '1' },
      ],
    }).expect(201);
    expect(first.body.total).toBe('0.30');
    const thirds = await pricedList(api, admin, [
      [a, '33.33'],
      [b, '33.33'],
      [c, '33.33'],
    ]);
    const second = await createOrder(api, rep, {
      customerId,
      priceListId: thirds,
      lines: [a, b, c].map((productId) => ({ productId, quantity: '1' })),
    }).expect(201);
    expect(second.body.lines.map((line: { amount: string }) => line.amount)).toEqual(['33.33', '33.33', '33.33']);
    expect(second.body).toMatchObject({ total: '99.99', paid: '0.00', openAmount: '99.99', paymentStatus: 'unpaid', status: 'draft', currency: 'CNY' });
    expect(second.body.number).toMatch(/^SO\d{14}$/);
    // 3 × 33.33 less 10% = 89.991, rounded half up to 89.99; 2.5 × 0.10 = 0.25.
    const discounted = await createOrder(api, rep, {
      customerId,
      priceListId: thirds,
      lines: [{ productId: a, quantity: '3', discountPercent: '10' }],
    }).expect(201);
    expect(discounted.body.total).toBe('89.99');
    expect(second.headers.etag).toBe('"1"');
    expect(await eventsOf(api, second.body.id, 'order.created.v1')).toEqual([expect.objectContaining({ total: '99.99', lineCount: 3, customerId })]);
  });

  it('dates the order number in the company time zone (CRM_TIMEZONE)', async () => {
    const item = await product(api, admin, lineId);
    const list = await pricedList(api, admin, [[item, '10.00']]);
    const customerId = await heldCustomer(api, rep);
    // UTC+14 and UTC−11, neither with daylight saving: 25 hours apart, so never on the same date.
    const east = await TestApp.start({ sharedWith: api, config: { timeZone: 'Pacific/Kiritimati' } });
    const west = await TestApp.start({ sharedWith: api, config: { timeZone: 'Pacific/Pago_Pago' } });
    try {
      const dateOfNumber = async (app: TestApp, offsetHours: number) => {
        const dayAt = (instant: number) => new Date(instant + offsetHours * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
        const before = Date.now();
        const created = await createOrder(app, rep, { customerId, priceListId: list, lines: [{ productId: item, quantity: '1' }] }).expect(201);
        const number = created.body.number as string;
        // The date part is the day the order was made in the zone (either side of a midnight passing during the request).
        expect([dayAt(before), dayAt(Date.now())]).toContain(number.slice(2, 10));
        return number.slice(2, 10);
      };
      const [inEast, inWest] = [await dateOfNumber(east, 14), await dateOfNumber(west, -11)];
      expect(inEast > inWest).toBe(true);
      await dateOfNumber(api, 8); // Asia/Shanghai by default
    } finally {
      await west.close();
      await east.close();
    }
  });

  it('adds child lines of a parent product: the gift at zero, the bundle priced into the total; each line says how its price was found', async () => {
    const manual = await product(api, admin, lineId);
    const setup = await product(api, admin, lineId);
    const server = await product(api, admin, lineId, {
      warrantyMonths: 24,
      children: [
        { productId: manual, kind: 'gift', quantity: '1' },
        { productId: setup, kind: 'bundle', quantity: '1' },
      ],
    });
    const list = await pricedList(api, admin, [
      [server, '1000.00'],
      [manual, '20.00'],
      [setup, '150.50'],
    ]);
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: server, quantity: '2' }] }).expect(201);
    expect(body.lines).toEqual([
      expect.objectContaining({ productId: server, kind: 'product', quantity: '2', unitPrice: '1000.00', amount: '2000.00', warrantyMonths: 24 }),
      expect.objectContaining({
        productId: manual,
        kind: 'gift',
        quantity: '2',
        unitPrice: '0.00',
        amount: '0.00',
        parentIndex: 0,
        priceSource: expect.objectContaining({ kind: 'gift' }),
      }),
      expect.objectContaining({
        productId: setup,
        kind: 'bundle',
        quantity: '2',
        unitPrice: '150.50',
        amount: '301.00',
        parentIndex: 0,
        priceSource: expect.objectContaining({ kind: 'entry', priceListId: list }),
      }),
    ]);
    // 2 × 1000 + 2 × 150.50 = 2301.00; the gift adds nothing.
    expect(body.total).toBe('2301.00');
  });

  it('refuses a missing price unless priced by hand, which needs the permission and a reason', async () => {
    const [listed, unlisted] = [await product(api, admin, lineId), await product(api, admin, lineId)];
    const list = await pricedList(api, admin, [[listed, '10.00']]);
    const customerId = await heldCustomer(api, rep);
    const missing = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: unlisted, quantity: '1' }] }).expect(422);
    expect(missing.body).toMatchObject({ code: 'ORDER.PRICE_NOT_FOUND', productIds: [unlisted] });
    const forbidden = await createOrder(api, rep, {
      customerId,
      priceListId: list,
      lines: [{ productId: listed, quantity: '1', unitPrice: '8.00', manualPriceReason: '老客户' }],
    }).expect(403);
    expect(forbidden.body.code).toBe('ORDER.MANUAL_PRICE_FORBIDDEN');
    const managersCustomer = await heldCustomer(api, manager);
    const noReason = await createOrder(api, manager, {
      customerId: managersCustomer,
      priceListId: list,
      lines: [{ productId: listed, quantity: '1', unitPrice: '8.00' }],
    }).expect(422);
    expect(noReason.body.code).toBe('ORDER.MANUAL_PRICE_REASON_REQUIRED');
    const { body } = await createOrder(api, manager, {
      customerId: managersCustomer,
      priceListId: list,
      lines: [
        { productId: listed, quantity: '1', unitPrice: '8.00', manualPriceReason: '老客户续约价' },
        { productId: unlisted, quantity: '2', unitPrice: '5.55', manualPriceReason: '新品试销' },
      ],
    }).expect(201);
    expect(body.lines[0].priceSource).toMatchObject({ kind: 'manual', listPrice: '10.00', reason: '老客户续约价', entryId: expect.any(String) });
    expect(body.lines[1].priceSource).toMatchObject({ kind: 'manual', listPrice: null });
    expect(body.total).toBe('19.10');
    // Bad input.
    await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: listed, quantity: 1 }] }).expect(400);
    await createOrder(api, rep, { customerId, priceListId: list, lines: [] }).expect(400);
    await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: listed, quantity: '1' }], total: '1.00' }).expect(400);
  });

  it('names an opportunity only of its own customer', async () => {
    const item = await product(api, admin, lineId);
    const list = await pricedList(api, admin, [[item, '10.00']]);
    const customerId = await heldCustomer(api, rep);
    const otherCustomer = await heldCustomer(api, rep);
    const opportunity = await api.http.post('/api/v1/opportunities').set('Authorization', rep.auth).send({ customerId, name: '年度采购' }).expect(201);
    await api.settleEvents();
    const line = [{ productId: item, quantity: '1' }];
    const { body } = await createOrder(api, rep, { customerId, opportunityId: opportunity.body.id, priceListId: list, lines: line }).expect(201);
    expect(body.opportunityId).toBe(opportunity.body.id);
    const refused = await createOrder(api, rep, { customerId: otherCustomer, opportunityId: opportunity.body.id, priceListId: list, lines: line }).expect(422);
    expect(refused.body.code).toBe('ORDER.OPPORTUNITY_NOT_OF_CUSTOMER');
  });

  it('keeps orders within data scope: another rep cannot read, list, edit or hand off, nor order for a customer they do not work', async () => {
    const item = await product(api, admin, lineId);
    const list = await pricedList(api, admin, [[item, '10.00']]);
    const customerId = await heldCustomer(api, rep);
    const { body } = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: item, quantity: '1' }] }).expect(201);
    const notFound = async (call: PromiseLike<{ status: number; body: { code: string } }>) => {
      const response = await call;
      expect([response.status, response.body.code]).toEqual([404, 'ORDER.NOT_FOUND']);
    };
    await notFound(api.http.get(`/api/v1/orders/${body.id}`).set('Authorization', otherRep.auth));
    await notFound(
      api.http
        .put(`/api/v1/orders/${body.id}/lines`)
        .set('Authorization', otherRep.auth)
        .send({ lines: [{ productId: item, quantity: '2' }] }),
    );
    await notFound(api.http.post(`/api/v1/orders/${body.id}/approval`).set('Authorization', otherRep.auth));
    await notFound(api.http.post(`/api/v1/orders/${body.id}/hand-off`).set('Authorization', otherRep.auth));
    await notFound(api.http.get(`/api/v1/orders/${body.id}/payments`).set('Authorization', otherRep.auth));
    const ids = async (user: TestUser) =>
      (await api.http.get('/api/v1/orders').query({ limit: 200 }).set('Authorization', user.auth).expect(200)).body.items.map(
        (order: { id: string }) => order.id,
      );
    expect(await ids(otherRep)).not.toContain(body.id);
    expect(await ids(rep)).toContain(body.id);
    expect(await ids(manager)).toContain(body.id);
    expect(await ids(finance)).toContain(body.id);
    const foreign = await createOrder(api, otherRep, { customerId, priceListId: list, lines: [{ productId: item, quantity: '1' }] });
    expect(foreign.status).toBeGreaterThanOrEqual(403);
    expect(foreign.status).toBeLessThanOrEqual(404);
    // Finance records payments but does not create orders; a rep does not record payments.
    await createOrder(api, finance, { customerId, priceListId: list, lines: [{ productId: item, quantity: '1' }] }).expect(403);
    await recordPayment(api, rep, body.id, '1.00').expect(403);
  });

  it('locks lines once submitted and approved; refuses the hand-off with every reason, then allows it', async () => {
    const item = await product(api, admin, lineId, { warrantyMonths: 12 });
    const list = await pricedList(api, admin, [[item, '500.00']]);
    const customerId = await heldCustomer(api, rep);
    const { body: order } = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: item, quantity: '2' }] }).expect(201);
    const edited = await api.http
      .put(`/api/v1/orders/${order.id}/lines`)
      .set('Authorization', rep.auth)
      .set('If-Match', '"1"')
      .send({ lines: [{ productId: item, quantity: '3' }] })
      .expect(200);
    expect(edited.body).toMatchObject({ total: '1500.00', version: 2 });

    const draftHandOff = await api.http.post(`/api/v1/orders/${order.id}/hand-off`).set('Authorization', rep.auth).expect(422);
    expect(draftHandOff.body.code).toBe('ORDER.HAND_OFF_BLOCKED');
    expect(draftHandOff.body.reasons.map((reason: { code: string }) => reason.code)).toEqual(['ORDER.NOT_APPROVED', 'ORDER.NOT_FULLY_PAID']);
    expect(draftHandOff.body.reasons[1]).toMatchObject({ total: '1500.00', paid: '0.00', openAmount: '1500.00' });

    await approveOrder(api, rep, admin, order.id);
    const approved = await api.http.get(`/api/v1/orders/${order.id}`).set('Authorization', rep.auth).expect(200);
    expect(approved.body.status).toBe('approved');
    const locked = await api.http
      .put(`/api/v1/orders/${order.id}/lines`)
      .set('Authorization', rep.auth)
      .send({ lines: [{ productId: item, quantity: '1' }] })
      .expect(409);
    expect(locked.body).toMatchObject({ code: 'ORDER.LOCKED', orderStatus: 'approved' });

    expect((await recordPayment(api, finance, order.id, '1000.00').expect(201)).body).toMatchObject({ paid: '1000.00', paymentStatus: 'partially-paid' });
    const partly = await api.http.post(`/api/v1/orders/${order.id}/hand-off`).set('Authorization', rep.auth).expect(422);
    expect(partly.body.reasons).toEqual([expect.objectContaining({ code: 'ORDER.NOT_FULLY_PAID', openAmount: '500.00' })]);
    const tooMuch = await recordPayment(api, finance, order.id, '500.01').expect(422);
    expect(tooMuch.body).toMatchObject({ code: 'ORDER.PAYMENT_EXCEEDS_OPEN_AMOUNT', openAmount: '500.00' });
    expect((await recordPayment(api, finance, order.id, '500.00').expect(201)).body).toMatchObject({ paid: '1500.00', paymentStatus: 'paid' });

    const handedOff = await api.http.post(`/api/v1/orders/${order.id}/hand-off`).set('Authorization', rep.auth).expect(200);
    expect((await api.http.post(`/api/v1/orders/${order.id}/hand-off`).set('Authorization', rep.auth).expect(409)).body.code).toBe('ORDER.ALREADY_HANDED_OFF');
    await api.settleEvents();
    expect(await eventsOf(api, order.id, 'order.handed-off.v1')).toEqual([
      expect.objectContaining({
        orderId: order.id,
        customerId,
        contractId: null,
        handedOffAt: handedOff.body.handedOffAt,
        products: [expect.objectContaining({ productId: item, quantity: '3', warrantyMonths: 12 })],
      }),
    ]);
    expect(await eventsOf(api, order.id, 'order.payment-recorded.v1')).toEqual([
      expect.objectContaining({ amount: '1000.00', paidTotal: '1000.00', paymentStatus: 'partially-paid', rule: 'manual', source: 'manual' }),
      expect.objectContaining({ amount: '500.00', paidTotal: '1500.00', paymentStatus: 'paid' }),
    ]);
  });

  it('a rejected order is editable again; an over-payment confirmed by finance blocks the hand-off', async () => {
    const item = await product(api, admin, lineId);
    const list = await pricedList(api, admin, [[item, '100.00']]);
    const customerId = await heldCustomer(api, rep);
    const { body: order } = await createOrder(api, rep, { customerId, priceListId: list, lines: [{ productId: item, quantity: '1' }] }).expect(201);
    const submitted = await api.http.post(`/api/v1/orders/${order.id}/approval`).set('Authorization', rep.auth).expect(202);
    expect(
      (
        await api.http
          .put(`/api/v1/orders/${order.id}/lines`)
          .set('Authorization', rep.auth)
          .send({ lines: [{ productId: item, quantity: '2' }] })
          .expect(409)
      ).body.orderStatus,
    ).toBe('in-approval');
    await api.http
      .post(`/api/v1/approvals/${submitted.body.approvalRequestId}/decisions`)
      .set('Authorization', admin.auth)
      .send({ decision: 'reject', comment: '数量不对' })
      .expect(200);
    await api.settleEvents();
    await api.http
      .put(`/api/v1/orders/${order.id}/lines`)
      .set('Authorization', rep.auth)
      .send({ lines: [{ productId: item, quantity: '2' }] })
      .expect(200);
    await approveOrder(api, rep, admin, order.id);
    await recordPayment(api, finance, order.id, '250.00', { allowOverpayment: true }).expect(201);
    const over = await api.http.post(`/api/v1/orders/${order.id}/hand-off`).set('Authorization', rep.auth).expect(422);
    expect(over.body.reasons).toEqual([expect.objectContaining({ code: 'ORDER.OVER_PAID', total: '200.00', paid: '250.00' })]);
    const view = await api.http.get(`/api/v1/orders/${order.id}`).set('Authorization', finance.auth).expect(200);
    expect(view.body).toMatchObject({ paymentStatus: 'over-paid', openAmount: '0.00', status: 'approved' });
  });
});
