import { ApprovalSchema1732500400000 } from './1732500400000-approval-schema.js';

export const approvalMigrations = [ApprovalSchema1732500400000];
