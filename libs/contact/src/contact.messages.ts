import { defineMessages } from '@crm/platform';

/** Chinese messages for the Contact context's problem codes. */
defineMessages({
  'CONTACT.NOT_FOUND': { 'zh-CN': '联系人不存在（或不在您的数据权限范围内）。' },
  'CONTACT.DUPLICATE': { 'zh-CN': '已有使用此手机号或邮箱的联系人，见 existing。' },
  'CONTACT.ALREADY_LINKED': { 'zh-CN': '该联系人已关联到这个客户。' },
  'CONTACT.LINK_NOT_FOUND': { 'zh-CN': '该联系人与客户之间没有有效的关联。' },
  'CONTACT.LINK_END_BEFORE_START': { 'zh-CN': '关联的结束日期不能早于开始日期。' },
  'CONTACT.STILL_LINKED': { 'zh-CN': '请先结束该联系人与客户的关联再删除，其历史记录会保留。' },
});
