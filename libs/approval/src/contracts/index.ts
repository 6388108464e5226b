/**
 * The Approval context's public surface. Approval is generic: a requesting context opens a
 * request for its subject and reacts to the outcome events; Approval knows nothing of pools or contracts.
 */
export { RequestApprovalCommand } from '../application/commands/request-approval/request-approval.command.js';
export { ConfigureApprovalProcessCommand } from '../application/commands/configure-approval-process/configure-approval-process.command.js';
export { WithdrawApprovalCommand } from '../application/commands/withdraw-approval/withdraw-approval.command.js';

export { type ApprovalFacts } from '../application/commands/request-approval/request-approval.command.js';
export { ApprovalEvents, type ApprovalEventV1 } from './events.js';
