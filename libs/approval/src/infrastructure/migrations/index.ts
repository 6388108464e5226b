import { ApprovalSchema1732500400000 } from './1732500400000-approval-schema.js';
import { ContractApprovalProcess1732505400000 } from './1732505400000-contract-approval-process.js';
import { OrderApprovalProcess1732505650000 } from './1732505650000-order-approval-process.js';
import { OrderReductionApprovalProcess1732508120001 } from './1732508120001-order-reduction-approval-process.js';

export const approvalMigrations = [
  ApprovalSchema1732500400000,
  ContractApprovalProcess1732505400000,
  OrderApprovalProcess1732505650000,
  OrderReductionApprovalProcess1732508120001,
];
