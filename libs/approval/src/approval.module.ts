import { Module } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { ConfigureApprovalProcessHandler } from './application/commands/configure-approval-process/configure-approval-process.handler.js';
import { DecideApprovalHandler } from './application/commands/decide-approval/decide-approval.handler.js';
import { RecallApprovalHandler } from './application/commands/recall-approval/recall-approval.handler.js';
import { RequestApprovalHandler } from './application/commands/request-approval/request-approval.handler.js';
import { WithdrawApprovalHandler } from './application/commands/withdraw-approval/withdraw-approval.handler.js';
import { GetApprovalProcessHandler } from './application/queries/get-approval-process/get-approval-process.handler.js';
import { GetApprovalHandler } from './application/queries/get-approval/get-approval.handler.js';
import { ListApprovalsHandler } from './application/queries/list-approvals/list-approvals.handler.js';
import { ApprovalsController } from './http/approvals.controller.js';
import { ApprovalRepository } from './infrastructure/approval.repository.js';
import { APPROVAL_PERMISSIONS } from './approval.permissions.js';
import './approval.messages.js';

/** Approval [审批]: generic serial processes with any-of / all-of steps, reused by claims, contracts and orders. */
@Module({
  controllers: [ApprovalsController],
  providers: [
    providePermissions(APPROVAL_PERMISSIONS),
    ApprovalRepository,
    RequestApprovalHandler,
    DecideApprovalHandler,
    RecallApprovalHandler,
    WithdrawApprovalHandler,
    ConfigureApprovalProcessHandler,
    GetApprovalHandler,
    ListApprovalsHandler,
    GetApprovalProcessHandler,
  ],
})
export class ApprovalModule {}
