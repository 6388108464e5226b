import type { MigrationInterface } from 'typeorm';
import { ContractSchema1732505000000 } from './1732505000000-contract-schema.js';
import { OrdersAndPayments1732505600000 } from './1732505600000-orders-and-payments.js';
import { ContractImports1732508100000 } from './1732508100000-contract-imports.js';
import { PaymentReversalPermission1732508110000 } from './1732508110000-payment-reversal-permission.js';
import { OrderReductions1732508120000 } from './1732508120000-order-reductions.js';
import { BankNotificationLimits1732508130000 } from './1732508130000-bank-notification-limits.js';

export const contractMigrations: (new () => MigrationInterface)[] = [
  // Contracts [合同]
  ContractSchema1732505000000,
  // Orders [订单], payments [回款] and bank reconciliation
  OrdersAndPayments1732505600000,
  // Contract imports [合同导入] and their per-row reports
  ContractImports1732508100000,
  // Reversing a payment recorded by hand [回款冲销]
  PaymentReversalPermission1732508110000,
  // Reduction orders [减单 / 退货]
  OrderReductions1732508120000,
  // Rate limits of bank notifications
  BankNotificationLimits1732508130000,
];
