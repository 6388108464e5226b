import { KnowledgeArticle } from './knowledge-article.aggregate.js';

const content = { question: '打印机卡纸怎么处理？', answer: '关机后打开后盖取出纸张。', productId: null, ticketTypeId: null, tags: ['打印机'] };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 8, minute));

describe('KnowledgeArticle', () => {
  it('is a draft until published; publishing raises the published revision', () => {
    const article = KnowledgeArticle.write({ id: 'a1', content, authorId: 'u1', now: at(0) });
    expect(article.snapshot()).toMatchObject({ status: 'draft', publishedRevision: null, latest: { revision: 1 } });
    article.publish(at(1));
    expect(article.snapshot()).toMatchObject({ status: 'published', publishedRevision: 1 });
    expect(article.pullEvents().map((event) => [event.type, (event.payload as { revision: number }).revision])).toEqual([
      ['knowledge.article-published.v1', 1],
    ]);
  });

  it('editing a published article starts revision 2 as a draft; editing again stays on revision 2', () => {
    const article = KnowledgeArticle.write({ id: 'a1', content, authorId: 'u1', now: at(0) });
    article.publish(at(1));
    article.revise({ answer: '先关机。' }, 'u2', at(2));
    expect(article.snapshot()).toMatchObject({ status: 'published', publishedRevision: 1, latest: { revision: 2, answer: '先关机。', editedBy: 'u2' } });
    article.revise({ tags: ['卡纸'] }, 'u2', at(3));
    expect(article.snapshot().latest).toMatchObject({ revision: 2, answer: '先关机。', tags: ['卡纸'] });
    article.publish(at(4));
    expect(article.snapshot()).toMatchObject({ publishedRevision: 2 });
  });

  it('refuses to publish without a draft and to change an archived article', () => {
    const article = KnowledgeArticle.write({ id: 'a1', content, authorId: 'u1', now: at(0) });
    article.publish(at(1));
    expect(() => article.publish(at(2))).toThrow(expect.objectContaining({ code: 'KNOWLEDGE.NOTHING_TO_PUBLISH' }));
    article.archive(at(3));
    expect(() => article.revise({ answer: 'x' }, 'u1', at(4))).toThrow(expect.objectContaining({ code: 'KNOWLEDGE.ARCHIVED' }));
    expect(() => article.archive(at(4))).toThrow(expect.objectContaining({ code: 'KNOWLEDGE.ARCHIVED' }));
  });
});
