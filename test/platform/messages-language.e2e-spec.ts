import { TestApp, type TestUser } from '../support/test-app.js';

/** problems and field errors in Chinese or English by Accept-Language; codes never change. */
describe("Messages in the users' language", () => {
  let api: TestApp;
  let rep: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep']);
  });
  afterAll(() => api.close());

  const badCustomer = (language?: string) => {
    const request = api.http.post('/api/v1/customers').set('Authorization', rep.auth);
    if (language) request.set('Accept-Language', language);
    return request.send({ kind: 'enterprise', name: 42, isVip: true }).expect(400);
  };

  it('answers a validation error in Chinese for zh-CN, with one upper-case code per field', async () => {
    const response = await badCustomer('zh-CN,zh;q=0.9');
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(response.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', title: '请求有误', detail: '请求中有字段不符合要求，详见 errors。' });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'isVip', code: 'UNKNOWN_FIELD', message: 'isVip 不是可识别的字段' },
        { field: 'name', code: 'NOT_A_STRING', message: 'name 必须是文本' },
      ]),
    );
  });

  it('answers the same problem in English for en, with the same codes', async () => {
    const zh = await badCustomer('zh-CN');
    const en = await badCustomer('en-US,en;q=0.8');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toMatchObject({ code: zh.body.code, title: 'Bad Request', detail: 'The request has invalid fields; see `errors`.' });
    expect(en.body.errors.map((error: { code: string }) => error.code)).toEqual(zh.body.errors.map((error: { code: string }) => error.code));
    expect(en.body.errors).toEqual(expect.arrayContaining([{ field: 'isVip', code: 'UNKNOWN_FIELD', message: 'isVip is not a known field' }]));
  });

  it('uses the configured default when Accept-Language names no language we speak', async () => {
    expect((await badCustomer()).body.title).toBe('请求有误');
    expect((await badCustomer('fr-FR')).body.title).toBe('请求有误');
    const english = await TestApp.start({ config: { defaultLocale: 'en' } });
    try {
      const user = await english.user(['sales-rep']);
      const response = await english.http.post('/api/v1/customers').set('Authorization', user.auth).send({ kind: 'enterprise' }).expect(400);
      expect(response.body).toMatchObject({ title: 'Bad Request', errors: [{ field: 'name', code: 'REQUIRED', message: expect.any(String) }] });
    } finally {
      await english.close();
    }
  });

  it('reports one error per field: limit=abc is not an integer, not three contradictory rules', async () => {
    const response = await api.http.get('/api/v1/customers?limit=abc').set('Authorization', rep.auth).set('Accept-Language', 'zh-CN').expect(400);
    expect(response.body.errors).toEqual([{ field: 'limit', code: 'NOT_AN_INTEGER', message: 'limit 必须是整数' }]);
    const missing = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise' }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'name', code: 'REQUIRED', message: 'name 为必填项' }]);
  });

  it("fills business messages from the problem's own members", async () => {
    const claim = await api.http
      .post(`/api/v1/pool/customers/${'00000000-0000-7000-8000-000000000001'}/claims`)
      .set('Authorization', rep.auth)
      .send({ scope: { kind: 'product', productIds: [] } })
      .expect(400);
    expect(claim.body.errors[0]).toMatchObject({ field: 'scope.productIds', code: 'TOO_FEW_ITEMS' });
    const admin = await api.user(['admin']);
    await api.http
      .patch('/api/v1/pools/00000000-0000-7000-8000-0000000000a1')
      .set('Authorization', admin.auth)
      .send({ rules: { gradeRights: { A: ['sales-manager'] } } })
      .expect(200);
    const created = await api.http
      .post('/api/v1/customers')
      .set('Authorization', admin.auth)
      .send({ kind: 'enterprise', name: '语言测试政府客户', type: 'government', ownerId: null })
      .expect(201);
    const refused = await api.http.post(`/api/v1/pool/customers/${created.body.id}/claims`).set('Authorization', rep.auth).send({}).expect(403);
    expect(refused.body).toMatchObject({ code: 'POOL.CLAIM_REQUIRES_APPROVAL', grade: 'A', title: '无权操作' });
    expect(refused.body.detail).toContain('不能直接申领 A 级客户');
    const english = await api.http
      .post(`/api/v1/pool/customers/${created.body.id}/claims`)
      .set('Authorization', rep.auth)
      .set('Accept-Language', 'en')
      .send({})
      .expect(403);
    expect(english.body.detail).toContain('may not claim grade A customers directly');
  });
});
