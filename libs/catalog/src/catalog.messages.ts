import { defineMessages } from '@crm/platform';

/** Chinese messages for the Catalog context's problem codes. */
defineMessages({
  'CATALOG.PRODUCT_LINE_NOT_FOUND': { 'zh-CN': '产品条线不存在。' },
  'CATALOG.PRODUCT_NOT_FOUND': { 'zh-CN': '有不存在的产品，见 productIds。' },
  'CATALOG.CODE_TAKEN': { 'zh-CN': '编码已被使用（{{message}}）' },
  'CATALOG.HEAD_NOT_ACTIVE': { 'zh-CN': '条线负责人必须是在职用户。' },
  'CATALOG.PRODUCT_NOT_PUBLISHED': { 'zh-CN': '只有已发布的产品才能销售，见 productIds。' },
  'CATALOG.INVALID_CHILDREN': { 'zh-CN': '子产品设置无效（{{message}}）' },
  'CATALOG.PRICE_LIST_NOT_FOUND': { 'zh-CN': '价格表不存在。' },
  'CATALOG.PARENT_PRICE_LIST_INVALID': { 'zh-CN': '上级价格表无效（{{message}}）' },
  'CATALOG.PRICE_LIST_NOT_VALID': { 'zh-CN': '价格表在该日期不在有效期内。' },
  'CATALOG.PRICE_ENTRY_NOT_FOUND': { 'zh-CN': '价格表明细不存在。' },
});
