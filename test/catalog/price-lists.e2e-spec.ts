import { TestApp, type TestUser } from '../support/test-app.js';
import { price, priceList, product, productLine, quote } from '../order/order-fixtures.js';

/** ORD-2: products with a published flag and gift / bundle children; price lists with windows and a parent list. */
describe('Products and price lists [价格表]', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let lineId: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    lineId = await productLine(api, admin);
  });
  afterAll(() => api.close());

  it('prices across validity windows (inclusive ends), falls back to the parent list and says so, and leaves a missing entry unpriced', async () => {
    const base = await priceList(api, admin, { name: '基础价格表' });
    const promo = await priceList(api, admin, { name: '春季促销', validFrom: '2026-03-01', validTo: '2026-05-31', parentId: base });
    const [a, b, c] = [await product(api, admin, lineId), await product(api, admin, lineId), await product(api, admin, lineId)];
    await price(api, admin, base, a, '100.00');
    await price(api, admin, base, b, '50.00');
    const early = await price(api, admin, promo, a, '90.00', { validFrom: '2026-03-01', validTo: '2026-03-31' });
    const late = await price(api, admin, promo, a, '80.00', { validFrom: '2026-04-01' });

    const march = await quote(api, rep, promo, '2026-03-31', [
      { productId: a, quantity: '1' },
      { productId: b, quantity: '2' },
      { productId: c, quantity: '1' },
    ]).expect(200);
    expect(march.body.lines).toEqual([
      expect.objectContaining({
        productId: a,
        kind: 'product',
        unitPrice: '90.00',
        source: expect.objectContaining({ kind: 'entry', priceListId: promo, entryId: early, fellBackFrom: null }),
      }),
      expect.objectContaining({
        productId: b,
        unitPrice: '50.00',
        source: expect.objectContaining({ priceListId: base, priceListName: '基础价格表', fellBackFrom: { priceListId: promo, priceListName: '春季促销' } }),
      }),
      expect.objectContaining({ productId: c, unitPrice: null, source: null }),
    ]);
    const april = await quote(api, rep, promo, '2026-04-01', [{ productId: a, quantity: '1' }]).expect(200);
    expect(april.body.lines[0]).toMatchObject({ unitPrice: '80.00', source: { entryId: late } });

    // Outside the promotion's own window the list cannot be used at all.
    const outside = await quote(api, rep, promo, '2026-06-01', [{ productId: a, quantity: '1' }]).expect(422);
    expect(outside.body).toMatchObject({ code: 'CATALOG.PRICE_LIST_NOT_VALID', validFrom: '2026-03-01', validTo: '2026-05-31' });

    // A deactivated entry no longer prices, but stays in the list.
    await api.http.post(`/api/v1/price-lists/${promo}/entries/${late}/deactivation`).set('Authorization', admin.auth).expect(204);
    const after = await quote(api, rep, promo, '2026-04-02', [{ productId: a, quantity: '1' }]).expect(200);
    expect(after.body.lines[0]).toMatchObject({ unitPrice: '100.00', source: { priceListId: base, fellBackFrom: { priceListId: promo } } });
    const detail = await api.http.get(`/api/v1/price-lists/${promo}`).set('Authorization', rep.auth).expect(200);
    expect(detail.body.entries.map((entry: { id: string; active: boolean }) => [entry.id, entry.active])).toEqual(
      expect.arrayContaining([
        [early, true],
        [late, false],
      ]),
    );
  });

  it('expands a parent product into a gift at zero and a bundle priced from the list', async () => {
    const list = await priceList(api, admin);
    const manual = await product(api, admin, lineId, { name: '使用手册' });
    const installation = await product(api, admin, lineId, { name: '安装服务', unit: '次' });
    const server = await product(api, admin, lineId, {
      name: '服务器',
      unit: '台',
      warrantyMonths: 36,
      children: [
        { productId: manual, kind: 'gift', quantity: '1' },
        { productId: installation, kind: 'bundle', quantity: '2' },
      ],
    });
    await price(api, admin, list, server, '10000.00');
    await price(api, admin, list, manual, '30.00');
    await price(api, admin, list, installation, '500.00');
    const { body } = await quote(api, rep, list, '2026-02-01', [{ productId: server, quantity: '3' }]).expect(200);
    expect(body.lines).toEqual([
      expect.objectContaining({ productId: server, kind: 'product', quantity: '3', unitPrice: '10000.00', warrantyMonths: 36, unit: '台', parentIndex: null }),
      expect.objectContaining({
        productId: manual,
        kind: 'gift',
        quantity: '3',
        unitPrice: '0.00',
        parentIndex: 0,
        source: expect.objectContaining({ kind: 'gift' }),
      }),
      expect.objectContaining({ productId: installation, kind: 'bundle', quantity: '6', unitPrice: '500.00', parentIndex: 0 }),
    ]);
  });

  it('refuses unpublished products with their ids, until published', async () => {
    const list = await priceList(api, admin);
    const draft = await product(api, admin, lineId, { published: false });
    await price(api, admin, list, draft, '10.00');
    const refused = await quote(api, rep, list, '2026-02-01', [{ productId: draft, quantity: '1' }]).expect(422);
    expect(refused.body).toMatchObject({ code: 'CATALOG.PRODUCT_NOT_PUBLISHED', productIds: [draft] });
    await api.http.put(`/api/v1/products/${draft}/publication`).set('Authorization', rep.auth).send({ published: true }).expect(403);
    await api.http.put(`/api/v1/products/${draft}/publication`).set('Authorization', admin.auth).send({ published: true }).expect(200);
    await quote(api, rep, list, '2026-02-01', [{ productId: draft, quantity: '1' }]).expect(200);
  });

  it('checks the parent list and the input', async () => {
    const cny = await priceList(api, admin);
    const usd = await api.http
      .post('/api/v1/price-lists')
      .set('Authorization', admin.auth)
      .send({ name: 'USD', currency: 'USD', validFrom: '2026-01-01', parentId: cny })
      .expect(422);
    expect(usd.body.code).toBe('CATALOG.PARENT_PRICE_LIST_INVALID');
    await api.http.post('/api/v1/price-lists').set('Authorization', rep.auth).send({ name: 'x', validFrom: '2026-01-01' }).expect(403);
    await api.http.post(`/api/v1/price-lists/${cny}/entries`).set('Authorization', admin.auth).send({ productId: cny, unitPrice: 12.5 }).expect(400);
    await quote(api, rep, '00000000-0000-7000-8000-000000000000', '2026-01-01', [{ productId: cny, quantity: '1' }]).expect(404);
  });
});
