import { defineMessages, defineProblemMembers } from '@crm/platform';

/** Chinese messages for the Customer context's problem codes. */
defineMessages({
  'CUSTOMER.NOT_FOUND': { 'zh-CN': '客户不存在（或不在您的数据权限范围内）。' },
  'CUSTOMER.NOT_OWNED': { 'zh-CN': '该客户在公海中或由您权限范围外的人保护，请先申领。' },
  'CUSTOMER.INVALID_CREDIT_CODE': { 'zh-CN': '统一社会信用代码无效（{{message}}）' },
  'CUSTOMER.CREDIT_CODE_NOT_APPLICABLE': { 'zh-CN': '个人客户没有统一社会信用代码。' },
  'CUSTOMER.PARENT_NOT_APPLICABLE': { 'zh-CN': '只有企业客户可以设置上级客户。' },
  'CUSTOMER.PARENT_CYCLE': { 'zh-CN': '上级客户设置会形成循环：客户不能是自己或自己下级的下级。' },
  'CUSTOMER.PARENT_NOT_FOUND': { 'zh-CN': '上级客户不存在（或不在您的数据权限范围内）。' },
  'CUSTOMER.TYPE_MISMATCH': { 'zh-CN': '个人客户的类型为 individual，企业客户为其他类型。' },
  'CUSTOMER.FOLLOW_UP_IN_FUTURE': { 'zh-CN': '跟进时间不能晚于现在。' },
  'CUSTOMER.DUPLICATE': { 'zh-CN': '客户已存在，疑似重复的客户见 candidates。' },
  'CUSTOMER.GRADE_RULE_AMBIGUOUS': { 'zh-CN': '客户等级规则有歧义：同一类型和规模有多条规则（{{message}}）' },
  'CUSTOMER.OWNER_NOT_ASSIGNABLE': { 'zh-CN': '只能把客户分配给您权限范围内的在职用户。' },
  'TAG.NOT_FOUND': { 'zh-CN': '标签不存在。' },
  'TAG.EXISTS': { 'zh-CN': '同名标签已存在。' },
  'TAG.NOT_APPLIED': { 'zh-CN': '该客户没有这个标签。' },
  'GROUP.NOT_FOUND': { 'zh-CN': '客户分组不存在。' },
  'GROUP.EXISTS': { 'zh-CN': '同名客户分组已存在。' },
  'GROUP.NOT_MEMBER': { 'zh-CN': '该客户不在这个分组中。' },
  'SEGMENT.NOT_FOUND': { 'zh-CN': '客群不存在。' },
  'SEGMENT.EXISTS': { 'zh-CN': '同名客群已存在。' },
  'SEGMENT.INVALID_CONDITION': { 'zh-CN': '客群条件无效（{{message}}）' },
});

defineProblemMembers({
  'CUSTOMER.DUPLICATE': {
    candidates: {
      type: 'array',
      description: 'Existing customers it would duplicate [查重], with no more than you may see of them.',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          matchedOn: { type: 'string', enum: ['credit-code', 'name', 'phone', 'similar-name'] },
          similarity: { type: 'number' },
          heldBy: { type: 'string', enum: ['you', 'someone-else', 'nobody'] },
        },
        required: ['id', 'name', 'matchedOn', 'similarity', 'heldBy'],
      },
      example: [
        { id: '0190d7a4-5a1e-7c3b-9c1f-3f7b0c1e2d4a', name: '上海浦江智能制造有限公司', matchedOn: 'credit-code', similarity: 1, heldBy: 'someone-else' },
      ],
    },
  },
});
