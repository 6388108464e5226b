import { TestApp, type TestUser } from '../support/test-app.js';
import { createOrder, heldCustomer, pricedList, product, productLine } from '../order/order-fixtures.js';
import { changeStatus, contact, customer, eventsOf, getTicket, serviceTeam, ticketType } from './ticket-fixtures.js';

/**
 * Self-service [自助服务]: a customer's contact, with a token staff issued or after verifying by
 * phone and order number, files a ticket, follows the public conversation, replies and rates it,
 * and never sees another customer's ticket or an internal note. Rate limited in PostgreSQL.
 */
describe('Self-service tickets: from filing to satisfaction, only one’s own, only public replies', () => {
  let api: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let customerA: string;
  let customerB: string;
  let tokenA: string;
  let tokenB: string;
  let typeId: string;
  let address = 0;
  /** A client address of its own per test, so the per-address limits of one test do not touch another. */
  const from = () => `198.51.100.${++address}`;
  const pub = (method: 'get' | 'post', path: string, token?: string, ip = '198.51.100.200') => {
    const call = api.http[method](`/api/v1/public${path}`).set('X-Forwarded-For', ip);
    return token ? call.set('Authorization', `Bearer ${token}`) : call;
  };

  const issue = async (customerId: string, contactId: string) =>
    (await api.http.post('/api/v1/ticket-portal-tokens').set('Authorization', agent.auth).send({ customerId, contactId }).expect(201)).body;

  beforeAll(async () => {
    api = await TestApp.start({ config: { trustProxy: 'loopback' } });
    admin = await api.user(['admin']);
    agent = (await serviceTeam(api, 1)).agents[0]!;
    customerA = await customer(api, admin);
    customerB = await customer(api, admin);
    const contactA = await contact(api, admin, customerA);
    const contactB = await contact(api, admin, customerB);
    const issued = await issue(customerA, contactA.id);
    expect(issued).toMatchObject({ customerId: customerA, contactId: contactA.id, token: expect.stringMatching(/^pt_/) });
    tokenA = issued.token;
    tokenB = (await issue(customerB, contactB.id)).token;
    typeId = (await ticketType(api, admin, { name: '产品咨询' })).id;
  });
  afterAll(() => api.close());

  it('keeps only a hash of a portal token, and issues one only for a contact working at the customer', async () => {
    const stored = await api.tx.query<{ token_hash: string }>(`SELECT token_hash FROM service_ticket.portal_tokens`);
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.some((row) => row.token_hash.includes(tokenA) || tokenA.includes(row.token_hash))).toBe(false);
    const stranger = await contact(api, admin, customerB);
    const wrong = await api.http
      .post('/api/v1/ticket-portal-tokens')
      .set('Authorization', agent.auth)
      .send({ customerId: customerA, contactId: stranger.id })
      .expect(404);
    expect(wrong.body.code).toBe('TICKET.CONTACT_NOT_FOUND');
    await pub('get', '/tickets', undefined, from()).expect(401);
    // A revoked token stops working at once; a salesperson who cannot see the customer cannot revoke it.
    const spare = await issue(customerA, (await contact(api, admin, customerA)).id);
    await pub('get', '/tickets', spare.token, from()).expect(200);
    const rep = await api.user(['sales-rep']);
    await api.http.delete(`/api/v1/ticket-portal-tokens/${spare.tokenId}`).set('Authorization', rep.auth).expect(404);
    await pub('get', '/tickets', spare.token, from()).expect(200);
    await api.http.delete(`/api/v1/ticket-portal-tokens/${spare.tokenId}`).set('Authorization', agent.auth).expect(204);
    await pub('get', '/tickets', spare.token, from()).expect(401);
    const again = await api.http.delete(`/api/v1/ticket-portal-tokens/${spare.tokenId}`).set('Authorization', agent.auth).expect(404);
    expect(again.body.code).toBe('TICKET.PORTAL_TOKEN_NOT_FOUND');
    expect(await eventsOf(api, spare.tokenId, 'ticket.portal-token-revoked.v1')).toHaveLength(1);
    const bogus = await pub('get', '/tickets', 'pt_not-a-real-token-at-all-123', from()).expect(401);
    expect(bogus.body.code).toBe('TICKET.PORTAL_TOKEN_INVALID');
  });

  it('takes a ticket from self-service filing to the customer’s satisfaction rating', async () => {
    const ip = from();
    const types = await pub('get', '/ticket-types', tokenA, ip).expect(200);
    expect(types.body.items.map((type: { id: string }) => type.id)).toContain(typeId);
    const filed = await pub('post', '/tickets', tokenA, ip).send({ typeId, title: '发票抬头如何修改', description: '上月发票抬头有误。' }).expect(201);
    expect(filed.body).toMatchObject({ status: 'new', title: '发票抬头如何修改', satisfaction: null });
    expect(filed.body).not.toHaveProperty('teamId');
    expect(filed.body).not.toHaveProperty('eligibility');
    const id = filed.body.id as string;
    expect(filed.headers.location).toBe(`/api/v1/public/tickets/${id}`);

    const staffView = await getTicket(api, admin, id).expect(200);
    expect(staffView.body).toMatchObject({ channel: 'self-service', createdVia: 'self-service', customerId: customerA, createdBy: { kind: 'contact' } });

    await api.http.post(`/api/v1/tickets/${id}/assignments`).set('Authorization', admin.auth).send({ handlerId: agent.id }).expect(200);
    await api.http
      .post(`/api/v1/tickets/${id}/records`)
      .set('Authorization', agent.auth)
      .send({ kind: 'internal-note', body: '内部：财务需重开发票' })
      .expect(201);
    await api.http
      .post(`/api/v1/tickets/${id}/records`)
      .set('Authorization', agent.auth)
      .send({ kind: 'public-reply', body: '请提供正确的抬头和税号。' })
      .expect(201);
    await changeStatus(api, agent, id, { to: 'waiting-on-customer' }).expect(200);

    const reply = await pub('post', `/tickets/${id}/replies`, tokenA, ip).send({ body: '抬头：某某科技有限公司，税号 91330000XXXX。' }).expect(201);
    expect(reply.body.status).toBe('in-progress'); // the customer's reply brings it back to work
    const conversation = await pub('get', `/tickets/${id}/records`, tokenA, ip).expect(200);
    expect(conversation.body.items.map((record: { kind: string; body: string }) => [record.kind, record.body])).toEqual([
      ['public-reply', '请提供正确的抬头和税号。'],
      ['customer-reply', '抬头：某某科技有限公司，税号 91330000XXXX。'],
    ]);
    const staffRecords = await api.http.get(`/api/v1/tickets/${id}/records`).set('Authorization', agent.auth).expect(200);
    expect(staffRecords.body.items).toHaveLength(3);

    const early = await pub('post', `/tickets/${id}/satisfaction`, tokenA, ip).send({ score: 5 }).expect(409);
    expect(early.body).toMatchObject({ code: 'TICKET.ILLEGAL_TRANSITION', currentStatus: 'in-progress' });
    await changeStatus(api, agent, id, { to: 'resolved', resolution: '已重开发票并寄出。' }).expect(200);
    const rated = await pub('post', `/tickets/${id}/satisfaction`, tokenA, ip).send({ score: 5, comment: '处理很快' }).expect(200);
    expect(rated.body).toMatchObject({ status: 'resolved', resolution: '已重开发票并寄出。', satisfaction: { score: 5, comment: '处理很快' } });
    const twice = await pub('post', `/tickets/${id}/satisfaction`, tokenA, ip).send({ score: 1 }).expect(409);
    expect(twice.body.code).toBe('TICKET.ALREADY_RATED');
    const [event] = await eventsOf(api, id, 'ticket.rated.v1');
    expect(event).toEqual({ payload: expect.objectContaining({ score: 5, comment: '处理很快' }), customer_id: customerA });
    const history = await api.http.get(`/api/v1/tickets/${id}/status-history`).set('Authorization', admin.auth).expect(200);
    expect(history.body.items[0].by.kind).toBe('contact');
    expect(history.body.items.map((row: { to: string }) => row.to)).toEqual([
      'new',
      'assigned',
      'in-progress',
      'waiting-on-customer',
      'in-progress',
      'resolved',
    ]);

    const mine = await pub('get', '/tickets', tokenA, ip).expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it("never shows a customer another customer's ticket, by id, list, records, reply or rating", async () => {
    const ip = from();
    const { body } = await pub('post', '/tickets', tokenA, ip).send({ typeId, title: '无法登录', description: '账号被锁定。' }).expect(201);
    const other = await pub('get', `/tickets/${body.id}`, tokenB, ip).expect(404);
    expect(other.body.code).toBe('TICKET.NOT_FOUND');
    await pub('get', `/tickets/${body.id}/records`, tokenB, ip).expect(404);
    await pub('post', `/tickets/${body.id}/replies`, tokenB, ip).send({ body: '偷看' }).expect(404);
    await pub('post', `/tickets/${body.id}/satisfaction`, tokenB, ip).send({ score: 1 }).expect(404);
    expect((await pub('get', '/tickets', tokenB, ip).expect(200)).body.items).toEqual([]);
    // A staff-filed ticket of the same customer for another contact is not this contact's either.
    const colleague = await contact(api, admin, customerA);
    const staffFiled = await api.http
      .post('/api/v1/tickets')
      .set('Authorization', agent.auth)
      .send({ customerId: customerA, contactId: colleague.id, typeId, title: '电话报修', description: '...', channel: 'phone' })
      .expect(201);
    await pub('get', `/tickets/${staffFiled.body.id}`, tokenA, ip).expect(404);
  });

  it('answers bad input with 400 in the visitor’s language, and is open to any origin', async () => {
    const ip = from();
    const zh = await pub('post', '/tickets', tokenA, ip).set('Accept-Language', 'zh-CN').send({ title: '', colour: 'red' }).expect(400);
    const en = await pub('post', '/tickets', tokenA, ip).set('Accept-Language', 'en').send({ title: '', colour: 'red' }).expect(400);
    expect(zh.body.code).toBe(en.body.code);
    expect(`${zh.body.title}${zh.body.detail}`).toMatch(/[\u4e00-\u9fff]/);
    expect(`${en.body.title}${en.body.detail}`).not.toMatch(/[\u4e00-\u9fff]/);
    const preflight = await api.http
      .options('/api/v1/public/tickets')
      .set('Origin', 'https://service.example.cn')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('verifies a visitor by phone and order number, with one answer for every mismatch', async () => {
    const rep = await api.user(['sales-rep']);
    const line = await productLine(api, admin);
    const device = await product(api, admin, line);
    const list = await pricedList(api, admin, [[device, '99.00']]);
    const buyer = await heldCustomer(api, rep);
    const { body: order } = await createOrder(api, rep, { customerId: buyer, priceListId: list, lines: [{ productId: device, quantity: '1' }] }).expect(201);
    const person = await contact(api, admin, buyer);
    const ip = from();
    const typed = `+86 ${person.phone.slice(0, 3)} ${person.phone.slice(3, 7)} ${person.phone.slice(7)}`;
    const session = await pub('post', '/ticket-sessions', undefined, ip).send({ phone: typed, orderNumber: order.number }).expect(201);
    expect(session.body.token).toMatch(/^pt_/);
    const filed = await pub('post', '/tickets', session.body.token, ip)
      .send({ typeId, title: '安装预约', description: '请安排上门。', orderNumber: order.number })
      .expect(201);
    const staffView = await getTicket(api, admin, filed.body.id).expect(200);
    expect(staffView.body).toMatchObject({ customerId: buyer, contactId: person.id, orderId: order.id });
    const notMine = await pub('post', '/tickets', tokenA, ip).send({ typeId, title: 'x', description: 'y', orderNumber: order.number }).expect(404);
    expect(notMine.body.code).toBe('TICKET.ORDER_NOT_FOUND');

    const wrongPhone = await pub('post', '/ticket-sessions', undefined, ip).send({ phone: '13800000000', orderNumber: order.number }).expect(401);
    const wrongOrder = await pub('post', '/ticket-sessions', undefined, ip).send({ phone: person.phone, orderNumber: 'SO-NOPE' }).expect(401);
    expect([wrongPhone.body.code, wrongOrder.body.code]).toEqual(['TICKET.VERIFICATION_FAILED', 'TICKET.VERIFICATION_FAILED']);
    expect(wrongPhone.body.detail).toBe(wrongOrder.body.detail);
  });

  it('limits verification attempts per address and calls per token, counted in PostgreSQL', async () => {
    const ip = from();
    for (let attempt = 1; attempt <= 10; attempt++) {
      await pub('post', '/ticket-sessions', undefined, ip)
        .send({ phone: '13800000000', orderNumber: `SO-${attempt}` })
        .expect(401);
    }
    const blocked = await pub('post', '/ticket-sessions', undefined, ip).send({ phone: '13800000000', orderNumber: 'SO-11' }).expect(429);
    expect(blocked.body.code).toBe('REQUEST.RATE_LIMITED');
    // Verifications are counted per quarter hour, not per minute: the wait is longer than a minute.
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(60);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    await pub('post', '/ticket-sessions', undefined, from()).send({ phone: '13800000000', orderNumber: 'SO-1' }).expect(401); // another address

    const fresh = (
      await api.http
        .post('/api/v1/ticket-portal-tokens')
        .set('Authorization', agent.auth)
        .send({ customerId: customerB, contactId: (await contact(api, admin, customerB)).id })
        .expect(201)
    ).body.token;
    const statuses: number[] = [];
    for (let call = 1; call <= 61; call++) statuses.push((await pub('get', '/tickets', fresh, from())).status);
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    const counters = await api.tx.query(`SELECT key FROM service_ticket.public_requests WHERE key LIKE 'portal-token:%'`);
    expect(counters.length).toBeGreaterThan(0);
  });
});
