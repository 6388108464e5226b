import { definePermissions } from '@crm/platform';

/** The knowledge base's function permissions [功能权限]. */
export const KNOWLEDGE_PERMISSIONS = definePermissions('knowledge', {
  'knowledge:read': 'Read published knowledge articles and get suggestions [查看知识库].',
  'knowledge:manage': 'Write, revise, publish and archive knowledge articles, and see drafts [维护知识库].',
});
