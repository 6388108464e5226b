import { TestApp, type TestUser } from '../support/test-app.js';
import { customer, fileTicket, serviceTeam, ticketType } from './ticket-fixtures.js';

/**
 * Knowledge articles linked to the tickets they helped solve [关联知识] (TICK-6): only published
 * articles, once per ticket, listed with how often each one solved a ticket; the ticket's reach
 * decides who may see or change its links.
 */
describe('Tickets: linked knowledge articles', () => {
  let api: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let stranger: TestUser;
  let firstTicket: string;
  let secondTicket: string;
  let published: string;
  let draft: string;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.user(['admin']);
    agent = (await serviceTeam(api, 1)).agents[0]!;
    stranger = (await serviceTeam(api, 1)).agents[0]!;
    const customerId = await customer(api, admin);
    const typeId = (await ticketType(api, admin, { name: '打印机故障' })).id;
    firstTicket = (await fileTicket(api, admin, { customerId, typeId, handlerId: agent.id }).expect(201)).body.id;
    secondTicket = (await fileTicket(api, admin, { customerId, typeId, handlerId: agent.id }).expect(201)).body.id;
    const write = async (question: string) =>
      (
        await api.http
          .post('/api/v1/knowledge/articles')
          .set('Authorization', admin.auth)
          .send({ question, answer: '关机后取出卡纸，顺着进纸方向轻拉。', tags: [] })
          .expect(201)
      ).body.id as string;
    published = await write('打印机卡纸怎么办？');
    draft = await write('打印机缺墨怎么办？');
    await api.http.post(`/api/v1/knowledge/articles/${published}/publish`).set('Authorization', admin.auth).expect(200);
  });
  afterAll(() => api.close());

  const links = (user: TestUser, ticketId: string) => api.http.get(`/api/v1/tickets/${ticketId}/knowledge-articles`).set('Authorization', user.auth);
  const link = (user: TestUser, ticketId: string, articleId: string) =>
    api.http.post(`/api/v1/tickets/${ticketId}/knowledge-articles`).set('Authorization', user.auth).send({ articleId });

  it('links a published article once per ticket and counts the tickets it solved', async () => {
    expect((await link(agent, firstTicket, published).expect(200)).body).toEqual({ linked: true });
    expect((await link(agent, firstTicket, published).expect(200)).body).toEqual({ linked: false });
    await link(agent, secondTicket, published).expect(200);
    const listed = (await links(agent, firstTicket).expect(200)).body;
    expect(listed.nextCursor).toBeNull();
    expect(listed.items).toEqual([{ articleId: published, question: '打印机卡纸怎么办？', linkedBy: agent.id, linkedAt: expect.any(String), ticketCount: 2 }]);
    await api.http.delete(`/api/v1/tickets/${secondTicket}/knowledge-articles/${published}`).set('Authorization', agent.auth).expect(204);
    expect((await links(agent, firstTicket).expect(200)).body.items[0].ticketCount).toBe(1);
    expect((await links(agent, secondTicket).expect(200)).body.items).toEqual([]);
  });

  it('refuses drafts and unknown articles like missing ones, and bad input with 400', async () => {
    expect((await link(agent, firstTicket, draft).expect(404)).body.code).toBe('KNOWLEDGE.NOT_FOUND');
    expect((await link(agent, firstTicket, '00000000-0000-7000-8000-00000000abcd').expect(404)).body.code).toBe('KNOWLEDGE.NOT_FOUND');
    await link(agent, firstTicket, 'not-a-uuid').expect(400);
  });

  it('keeps the links of a ticket out of reach: another team neither sees nor changes them', async () => {
    expect((await links(stranger, firstTicket).expect(404)).body.code).toBe('TICKET.NOT_FOUND');
    expect((await link(stranger, firstTicket, published).expect(404)).body.code).toBe('TICKET.NOT_FOUND');
    await api.http.delete(`/api/v1/tickets/${firstTicket}/knowledge-articles/${published}`).set('Authorization', stranger.auth).expect(404);
    expect((await links(agent, firstTicket).expect(200)).body.items).toHaveLength(1);
  });
});
