import { definePermissions } from '@crm/platform';

/** The Contact context's function permissions [功能权限]; what a contact shows follows its owner's and customers' data scope. */
export const CONTACT_PERMISSIONS = definePermissions('contact', {
  'contact:read': 'See contacts you (or your scope) own or that work at customers you see, with their history [查看联系人].',
  'contact:create': 'Create contacts [新建联系人].',
  'contact:update': 'Edit and delete contacts, link them to customers you work and change those links [编辑联系人].',
  'contact:record': 'Add communication records on contacts [沟通记录].',
});
