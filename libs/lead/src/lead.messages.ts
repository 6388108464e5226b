import { defineMessages } from '@crm/platform';

/** Chinese messages for the Lead context's problem codes. */
defineMessages({
  'LEAD.NOT_FOUND': { 'zh-CN': '线索不存在（或不在您的线索池和数据权限范围内）。' },
  'LEAD.NO_CONTACT': { 'zh-CN': '线索至少需要手机号、邮箱或公司名称之一。' },
  'LEAD.INVALID_MOBILE': { 'zh-CN': '手机号位数不正确。' },
  'LEAD.DUPLICATE': { 'zh-CN': '已有一条进行中的线索使用相同的 {{matchedOn}}（重复线索）。' },
  'LEAD.NOT_OPEN': { 'zh-CN': '线索已是 {{leadStatus}} 状态，只有进行中的线索可以修改。' },
  'LEAD.ALREADY_IN_POOL': { 'zh-CN': '线索已在该线索池中。' },
  'LEAD.NOT_POOL_ADMIN': { 'zh-CN': '只有线索所在线索池（或上级线索池）的管理员可以移动它。' },
  'LEAD.OWNER_NOT_ACTIVE': { 'zh-CN': '负责人必须是在职用户。' },
  'LEAD.ACTIVITY_IN_FUTURE': { 'zh-CN': '行为发生时间不能晚于现在。' },
  'LEAD.OUTCOME_REQUIRED': { 'zh-CN': '外呼结果类的行为需要填写外呼结果，其他类型不填。' },
  'LEAD.INVALID_SCORING_RULES': { 'zh-CN': '评分规则无效（{{message}}）' },
  'LEAD_POOL.NOT_FOUND': { 'zh-CN': '线索池不存在（或您不在其中）。' },
  'LEAD_POOL.NOT_ADMIN': { 'zh-CN': '只有该线索池或上级线索池的管理员可以修改它或添加子池。' },
  'LEAD_POOL.ROOT_NEEDS_ADMIN': { 'zh-CN': '只有可查看全部线索的管理员可以创建顶级线索池，请指定 parentId。' },
  'LEAD_POOL.TOO_DEEP': { 'zh-CN': '该线索池树最多 {{maxDepth}} 层。' },
  'LEAD_POOL.DEPTH_BELOW_TREE': { 'zh-CN': '线索池树已有 {{deepest}} 层，最大层数不能更低。' },
  'LEAD_POOL.MAX_DEPTH_ON_ROOT_ONLY': { 'zh-CN': '最大层数只能在顶级线索池上设置。' },
  'LEAD_POOL.NAME_TAKEN': { 'zh-CN': '同一位置已有同名线索池。' },
  'LEAD_POOL.INACTIVE_USERS': { 'zh-CN': '成员和管理员必须是在职用户。' },
});
