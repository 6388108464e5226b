import { definePermissions } from '@crm/platform';

/** Function permissions [功能权限] for orders, payments and bank reconciliation. */
export const ORDER_PERMISSIONS = definePermissions('order', {
  'order:read': 'See orders in your data scope and their payments [查看订单].',
  'order:create': 'Create orders, edit their lines before approval and submit them [新建订单].',
  'order:manual-price': 'Set a unit price by hand, with a reason [手工改价].',
  'order:hand-off': 'Hand an approved, fully reconciled order off to delivery [转案].',
  'payment:record': 'Record payments against orders [回款登记].',
  'payment:reverse': 'Reverse a payment recorded by hand [回款冲销], with a reason.',
  'payment:reconcile': 'Work the bank transaction queue: match, confirm and undo matches [银行对账].',
  'bank-account:manage': 'Register bank accounts and their notification secrets [银行账户管理].',
});
