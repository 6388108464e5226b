import { defineMessages } from '@crm/platform';

/** Chinese messages for the knowledge base's problem codes. */
defineMessages({
  'KNOWLEDGE.NOT_FOUND': { 'zh-CN': '知识库文章不存在。' },
  'KNOWLEDGE.ARCHIVED': { 'zh-CN': '文章已归档，不能再修改。' },
  'KNOWLEDGE.NOTHING_TO_PUBLISH': { 'zh-CN': '文章没有待发布的草稿，请先修改。' },
});
