import { defineMessages } from '@crm/platform';

/** Chinese messages for the problem codes of orders, payments and bank reconciliation. */
defineMessages({
  'ORDER.NOT_FOUND': { 'zh-CN': '订单不存在，或不在您的数据权限范围内。' },
  'ORDER.PRICE_NOT_FOUND': { 'zh-CN': '价格表在下单日期没有这些产品的价格，见 productIds；可填写手工价格及原因。' },
  'ORDER.MANUAL_PRICE_FORBIDDEN': { 'zh-CN': '手工改价需要“手工改价”权限。' },
  'ORDER.MANUAL_PRICE_REASON_REQUIRED': { 'zh-CN': '手工改价必须填写原因。' },
  'ORDER.AMOUNT_TOO_LARGE': { 'zh-CN': '金额超出允许范围。' },
  'ORDER.LOCKED': { 'zh-CN': '订单已提交审批或已审批，明细与价格已锁定（当前状态：{{orderStatus}}）。' },
  'ORDER.ILLEGAL_TRANSITION': { 'zh-CN': '订单当前状态（{{orderStatus}}）不允许此操作。' },
  'ORDER.NO_LINES': { 'zh-CN': '订单至少需要一行明细。' },
  'ORDER.PAYMENT_EXCEEDS_OPEN_AMOUNT': { 'zh-CN': '回款金额超过待回款金额 {{openAmount}}；如确为超额回款请明确确认。' },
  'ORDER.HAND_OFF_BLOCKED': { 'zh-CN': '订单暂不能转案，原因见 reasons。' },
  'ORDER.ALREADY_HANDED_OFF': { 'zh-CN': '订单已转案。' },
  'ORDER.OPPORTUNITY_NOT_OF_CUSTOMER': { 'zh-CN': '商机不存在或不属于该客户。' },
  'ORDER.CURRENCY_MISMATCH': { 'zh-CN': '币种与订单不一致。' },
  'ORDER.PAYMENT_NOT_FOUND': { 'zh-CN': '该订单没有这笔回款。' },
  'ORDER.PAYMENT_ALREADY_REVERSED': { 'zh-CN': '这笔回款已撤销。' },
  'ORDER.AMOUNT_NOT_POSITIVE': { 'zh-CN': '回款金额必须大于零。' },
  'ORDER.NOT_APPROVED': { 'zh-CN': '订单尚未审批通过。' },
  'ORDER.NOT_FULLY_PAID': { 'zh-CN': '回款尚未覆盖订单总额。' },
  'ORDER.OVER_PAID': { 'zh-CN': '回款超过订单总额，请先退款或更正。' },
  'ORDER.PROPOSED_MATCH_PENDING': { 'zh-CN': '有建议匹配到该订单的银行流水待财务确认。' },
});
