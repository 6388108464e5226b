import { TestApp, type TestUser } from '../support/test-app.js';
import { PUBLIC_KNOWLEDGE_REQUESTS_PER_MINUTE } from '../../libs/service-ticket/src/http/public-knowledge-rate-limit.guard.js';

/**
 * The knowledge base [知识库] (TICK-6): versioned articles, search by a Chinese phrase from the
 * middle of a sentence, feedback counts, and suggestions while a ticket is written, for staff and
 * for the public (published only, no login, rate limited).
 */
describe('Knowledge base (TICK-6)', () => {
  let api: TestApp;
  let editor: TestUser;
  let reader: TestUser;

  const write = async (question: string, answer: string, tags: string[] = []) => {
    const response = await api.http.post('/api/v1/knowledge/articles').set('Authorization', editor.auth).send({ question, answer, tags }).expect(201);
    return response.body.id as string;
  };
  const publish = (id: string) => api.http.post(`/api/v1/knowledge/articles/${id}/publish`).set('Authorization', editor.auth).expect(200);

  let printer: string;
  let vpn: string;
  let draftOnly: string;

  beforeAll(async () => {
    api = await TestApp.start();
    editor = await api.user(['service-agent']);
    reader = await api.user(['sales-rep']);
    printer = await write('打印机卡纸怎么处理？', '请先关闭电源，然后打开设备后盖，顺着进纸方向轻轻取出卡住的纸张，最后重新开机即可。', ['打印机', '卡纸']);
    vpn = await write('VPN 连不上怎么办？', '检查客户端版本是否为最新，并确认账号没有过期；仍然连不上请联系网络管理员。', ['VPN']);
    draftOnly = await write('发票如何重新开具？', '在订单详情页申请红冲后重新开具电子发票。', ['发票']);
    await publish(printer);
    await publish(vpn);
  });
  afterAll(() => api.close());

  it('finds an article by a Chinese phrase from the middle of a sentence, for readers and editors', async () => {
    const forReader = await api.http.get('/api/v1/knowledge/articles').query({ q: '顺着进纸方向' }).set('Authorization', reader.auth).expect(200);
    expect(forReader.body.items.map((item: { id: string }) => item.id)).toEqual([printer]);
    expect(forReader.body.nextCursor).toBeNull();
    // Two characters from the middle of the answer still match.
    const short = await api.http.get('/api/v1/knowledge/articles').query({ q: '后盖' }).set('Authorization', reader.auth).expect(200);
    expect(short.body.items.map((item: { id: string }) => item.id)).toEqual([printer]);
    // Full-width letters and case are folded.
    const latin = await api.http.get('/api/v1/knowledge/articles').query({ q: 'ｖｐｎ' }).set('Authorization', reader.auth).expect(200);
    expect(latin.body.items.map((item: { id: string }) => item.id)).toEqual([vpn]);
    // A draft is found by its editors only.
    const invoice = await api.http.get('/api/v1/knowledge/articles').query({ q: '红冲' }).set('Authorization', reader.auth).expect(200);
    expect(invoice.body.items).toEqual([]);
    const forEditor = await api.http.get('/api/v1/knowledge/articles').query({ q: '红冲' }).set('Authorization', editor.auth).expect(200);
    expect(forEditor.body.items).toEqual([expect.objectContaining({ id: draftOnly, status: 'draft', hasDraft: true, revision: 1 })]);
  });

  it('editing a published article makes a new draft revision; readers keep the published one until it is published', async () => {
    const before = await api.http.get(`/api/v1/knowledge/articles/${vpn}`).set('Authorization', editor.auth).expect(200);
    const revised = await api.http
      .patch(`/api/v1/knowledge/articles/${vpn}`)
      .set('Authorization', editor.auth)
      .set('If-Match', before.headers.etag as string)
      .send({ answer: '请升级到 5.2 版客户端后重试。' })
      .expect(200);
    expect(revised.body).toMatchObject({ status: 'published', published: { revision: 1 }, draft: { revision: 2, answer: '请升级到 5.2 版客户端后重试。' } });
    // A stale If-Match is refused.
    await api.http
      .patch(`/api/v1/knowledge/articles/${vpn}`)
      .set('Authorization', editor.auth)
      .set('If-Match', before.headers.etag as string)
      .send({ answer: 'x' })
      .expect(412);

    const seenByReader = await api.http.get(`/api/v1/knowledge/articles/${vpn}`).set('Authorization', reader.auth).expect(200);
    expect(seenByReader.body).toMatchObject({ published: { revision: 1 }, draft: null });
    expect(seenByReader.body.published.answer).toContain('检查客户端版本');
    const publicView = await api.http.get(`/api/v1/public/knowledge/articles/${vpn}`).expect(200);
    expect(publicView.body.answer).toContain('检查客户端版本');

    await publish(vpn);
    const after = await api.http.get(`/api/v1/public/knowledge/articles/${vpn}`).expect(200);
    expect(after.body).toEqual({ id: vpn, question: 'VPN 连不上怎么办？', answer: '请升级到 5.2 版客户端后重试。', tags: ['VPN'] });
    const old = await api.http.get('/api/v1/knowledge/articles').query({ q: '网络管理员' }).set('Authorization', reader.auth).expect(200);
    expect(old.body.items).toEqual([]);
    const again = await api.http.post(`/api/v1/knowledge/articles/${vpn}/publish`).set('Authorization', editor.auth).expect(409);
    expect(again.body.code).toBe('KNOWLEDGE.NOTHING_TO_PUBLISH');
  });

  it('suggests published articles while a ticket is written, for staff and the public; drafts never', async () => {
    const staff = await api.http
      .get('/api/v1/knowledge/suggestions')
      .query({ text: '你好，我们办公室的打印机今天又卡纸了，麻烦看一下' })
      .set('Authorization', reader.auth)
      .expect(200);
    expect(staff.body.items.map((item: { id: string }) => item.id)).toEqual([printer]);
    // 打印机, 打印, 印机, 卡纸 (and nothing else of the text) are in the article.
    expect(staff.body.items[0].matches).toBe(4);

    const anonymous = await api.http
      .get('/api/v1/public/knowledge/suggestions')
      .query({ text: '打印机卡纸了怎么办' })
      .set('Origin', 'https://shop.example.com')
      .expect(200);
    expect(anonymous.headers['access-control-allow-origin']).toBe('*');
    expect(anonymous.body.items.map((item: { id: string }) => item.id)).toEqual([printer]);

    const draft = await api.http.get('/api/v1/public/knowledge/suggestions').query({ text: '发票如何重新开具' }).expect(200);
    expect(draft.body).toEqual({ items: [], nextCursor: null });
    await api.http.get(`/api/v1/public/knowledge/articles/${draftOnly}`).expect(404);
    await api.http.post(`/api/v1/public/knowledge/articles/${draftOnly}/feedback`).send({ helpful: true }).expect(404);
  });

  it('counts helpful and not helpful votes from staff and the public', async () => {
    await api.http.post(`/api/v1/knowledge/articles/${printer}/feedback`).set('Authorization', reader.auth).send({ helpful: true }).expect(200);
    await api.http.post(`/api/v1/public/knowledge/articles/${printer}/feedback`).send({ helpful: true }).expect(200);
    const last = await api.http.post(`/api/v1/public/knowledge/articles/${printer}/feedback`).send({ helpful: false }).expect(200);
    expect(last.body).toEqual({ helpfulCount: 2, notHelpfulCount: 1 });
    const article = await api.http.get(`/api/v1/knowledge/articles/${printer}`).set('Authorization', reader.auth).expect(200);
    expect(article.body).toMatchObject({ helpfulCount: 2, notHelpfulCount: 1 });
    await api.http.post(`/api/v1/public/knowledge/articles/${printer}/feedback`).send({ helpful: 'yes' }).expect(400);
  });

  it('refuses writing to readers, bad input, and archived articles', async () => {
    await api.http.post('/api/v1/knowledge/articles').set('Authorization', reader.auth).send({ question: '问', answer: '答' }).expect(403);
    const bad = await api.http.post('/api/v1/knowledge/articles').set('Authorization', editor.auth).send({ question: '', answer: '答', extra: 1 }).expect(400);
    expect(bad.body.code).toBeDefined();
    const archived = await write('旧版本客户端下载', '已停止提供。');
    await api.http.post(`/api/v1/knowledge/articles/${archived}/archive`).set('Authorization', editor.auth).expect(200);
    const refused = await api.http.patch(`/api/v1/knowledge/articles/${archived}`).set('Authorization', editor.auth).send({ answer: '新' }).expect(409);
    expect(refused.body.code).toBe('KNOWLEDGE.ARCHIVED');
    await api.http.get(`/api/v1/knowledge/articles/${archived}`).set('Authorization', reader.auth).expect(404);
    await api.http.get('/api/v1/knowledge/suggestions').set('Authorization', reader.auth).expect(400);
  });

  it('rate limits the public routes per client address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < PUBLIC_KNOWLEDGE_REQUESTS_PER_MINUTE + 1; index++) {
      statuses.push((await api.http.get('/api/v1/public/knowledge/suggestions').query({ text: '卡纸' })).status);
    }
    // Earlier tests already spent some of this address's budget: the last one is over it.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
  });
});
