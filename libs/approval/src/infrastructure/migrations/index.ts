import { ApprovalSchema1732500400000 } from './1732500400000-approval-schema.js';
import { OrderApprovalProcess1732505650000 } from './1732505650000-order-approval-process.js';

export const approvalMigrations = [ApprovalSchema1732500400000, OrderApprovalProcess1732505650000];
