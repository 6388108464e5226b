import { defineMessages } from '@crm/platform';

/** Chinese messages for the Identity context's problem codes. */
defineMessages({
  'USER.NOT_FOUND': { 'zh-CN': '用户不存在。' },
  'USER.USERNAME_TAKEN': { 'zh-CN': '用户名已被使用。' },
  'USER.UNKNOWN_ROLE': { 'zh-CN': '有不存在的角色（见 GET /api/v1/roles）：{{unknownRoles}}' },
  'ORG.DEPARTMENT_NOT_FOUND': { 'zh-CN': '部门不存在。' },
  'ORG.DEPARTMENT_EXISTS': { 'zh-CN': '同名部门已存在。' },
  'ORG.TEAM_NOT_FOUND': { 'zh-CN': '小组不存在。' },
  'ORG.TEAM_EXISTS': { 'zh-CN': '该部门中已有同名小组。' },
  'ORG.TEAM_NOT_IN_DEPARTMENT': { 'zh-CN': '该小组属于另一个部门。' },
  'ORG.HEAD_NOT_ACTIVE': { 'zh-CN': '负责人或组长必须是在职用户。' },
  'ROLE.NOT_FOUND': { 'zh-CN': '角色不存在。' },
  'ROLE.KEY_TAKEN': { 'zh-CN': '角色标识已被使用。' },
  'ROLE.IN_USE': { 'zh-CN': '仍有用户拥有该角色，不能删除。' },
  'ROLE.UNKNOWN_PERMISSION': { 'zh-CN': '有未声明的权限（见 GET /api/v1/permissions）。' },
});
