import { defineMessages, defineProblemMembers } from '@crm/platform';

/** Chinese messages for the Pool context's problem codes. */
defineMessages({
  'POOL.CUSTOMER_NOT_FOUND': { 'zh-CN': '您所在的公海中没有这个客户（或它由您权限范围外的人保护）。' },
  'POOL.NOT_FOUND': { 'zh-CN': '公海不存在。' },
  'POOL.SCOPE_NOT_ALLOWED': { 'zh-CN': '该公海按 {{scopeMode}} 保护，请按此范围申领。' },
  'POOL.EMPTY_SCOPE': { 'zh-CN': '申领范围为空：请选择整个客户、一条产品线或至少一个产品。' },
  'POOL.UNKNOWN_SCOPE': { 'zh-CN': '申领范围中有产品目录里不存在的条线或产品，见 ids。' },
  'POOL.ALREADY_HELD_BY_YOU': { 'zh-CN': '您已在保护中。' },
  'POOL.ALREADY_PROTECTED': { 'zh-CN': '该客户（或其中一部分）已被他人保护。' },
  'POOL.RESERVED': { 'zh-CN': '其他销售对该客户的申领正在审批中，保留至 {{reservedUntil}}。' },
  'POOL.APPLICATION_PENDING': { 'zh-CN': '您对此的申领申请已在审批中。' },
  'POOL.COOL_DOWN': { 'zh-CN': '您最近释放过该客户，冷静期内不能再次申领，{{availableFrom}} 起可申领。' },
  'POOL.HOLD_LIMIT_REACHED': { 'zh-CN': '您在该公海保护的客户已达上限（{{limit}}）。' },
  'POOL.DAILY_CLAIM_LIMIT_REACHED': { 'zh-CN': '您今天在该公海的申领次数已达上限（{{limit}}）。' },
  'POOL.CLAIM_REQUIRES_APPROVAL': {
    'zh-CN': '您的角色不能直接申领 {{grade}} 级客户。可申请审批：带 "applyIfNotPermitted": true 再次提交，审批通过后自动保护。',
  },
  'POOL.NOT_HELD': { 'zh-CN': '您没有保护该客户的任何部分，无需释放。' },
  'POOL.NOT_POOL_ADMIN': { 'zh-CN': '只有该公海的管理员可以修改它。' },
  'POOL.TRANSFER_TARGET_INVALID': { 'zh-CN': '只能转移给您权限范围内、非当前持有人的在职用户。' },
  'POOL.INVALID_RULES': { 'zh-CN': '公海规则无效（{{message}}）' },
  'POOL.DEPARTMENT_HAS_POOL': { 'zh-CN': '该部门已有公海。' },
});

defineProblemMembers({
  'POOL.CLAIM_REQUIRES_APPROVAL': {
    grade: { type: 'string', description: "The customer's grade [客户等级].", example: 'A' },
    apply: {
      type: 'object',
      description: 'How to apply instead [申请审批]: the same request with `applyIfNotPermitted: true`.',
      properties: { method: { type: 'string', enum: ['POST'] }, href: { type: 'string' }, body: { type: 'object' } },
      required: ['method', 'href', 'body'],
      example: {
        method: 'POST',
        href: '/api/v1/pool/customers/0190d7a4-5a1e-7c3b-9c1f-3f7b0c1e2d4a/claims',
        body: { scope: { kind: 'customer' }, applyIfNotPermitted: true, reason: '…' },
      },
    },
  },
  'POOL.HOLD_LIMIT_REACHED': { limit: { type: 'integer', example: 200 } },
  'POOL.DAILY_CLAIM_LIMIT_REACHED': { limit: { type: 'integer', example: 20 } },
});
