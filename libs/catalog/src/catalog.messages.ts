import { defineMessages } from '@crm/platform';

/** Chinese messages for the Catalog context's problem codes. */
defineMessages({
  'CATALOG.PRODUCT_LINE_NOT_FOUND': { 'zh-CN': '产品条线不存在。' },
  'CATALOG.PRODUCT_NOT_FOUND': { 'zh-CN': '有不存在的产品，见 productIds。' },
  'CATALOG.CODE_TAKEN': { 'zh-CN': '编码已被使用（{{message}}）' },
  'CATALOG.HEAD_NOT_ACTIVE': { 'zh-CN': '条线负责人必须是在职用户。' },
});
