import { Module } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { ChangePoolHandler } from './application/commands/change-pool/change-pool.handler.js';
import { ClaimCustomerHandler } from './application/commands/claim-customer/claim-customer.handler.js';
import { CloseClaimApplicationHandler } from './application/commands/close-claim-application/close-claim-application.handler.js';
import { CreatePoolHandler } from './application/commands/create-pool/create-pool.handler.js';
import { ProtectApprovedClaimHandler } from './application/commands/protect-approved-claim/protect-approved-claim.handler.js';
import { ReleaseCustomerHandler } from './application/commands/release-customer/release-customer.handler.js';
import { TransferCustomersHandler } from './application/commands/transfer-customers/transfer-customers.handler.js';
import { ExpireClaimApplicationsJob } from './application/jobs/expire-claim-applications.job.js';
import { PoolScheduler } from './application/jobs/pool-scheduler.js';
import { RecycleIdleCustomersJob } from './application/jobs/recycle-idle-customers.job.js';
import { SendRecycleRemindersJob } from './application/jobs/send-recycle-reminders.job.js';
import { ListClaimableCustomersHandler } from './application/queries/list-claimable-customers/list-claimable-customers.handler.js';
import { ListMyApplicationsHandler } from './application/queries/list-my-applications/list-my-applications.handler.js';
import { ListMyCustomersHandler } from './application/queries/list-my-customers/list-my-customers.handler.js';
import { ListPoolsHandler } from './application/queries/list-pools/list-pools.handler.js';
import { PreviewRecycleHandler } from './application/queries/preview-recycle/preview-recycle.handler.js';
import { SettleClaimApplicationsReaction } from './application/reactions/settle-claim-applications.reaction.js';
import { TrackCustomersReaction } from './application/reactions/track-customers.reaction.js';
import { PoolController } from './http/pool.controller.js';
import { PoolRepository } from './infrastructure/pool.repository.js';
import { SqlPoolCustomers } from './infrastructure/sql-pool-customers.js';
import { PoolCustomers } from './domain/pool-customers.port.js';
import { PlaceNewCustomerHandler } from './application/commands/place-new-customer/place-new-customer.handler.js';
import { GetClaimStatusHandler } from './application/queries/get-claim-status/get-claim-status.handler.js';
import { PlaceNewCustomersReaction } from './application/reactions/place-new-customers.reaction.js';
import { POOL_PERMISSIONS } from './pool.permissions.js';
import './pool.messages.js';

/** Pool / Claim [公海 / 申领 / 保护]: pools and rules, claims, protection, applications, recycling. */
@Module({
  controllers: [PoolController],
  providers: [
    providePermissions(POOL_PERMISSIONS),
    PoolRepository,
    { provide: PoolCustomers, useClass: SqlPoolCustomers },
    PlaceNewCustomerHandler,
    GetClaimStatusHandler,
    PlaceNewCustomersReaction,
    ClaimCustomerHandler,
    ProtectApprovedClaimHandler,
    CloseClaimApplicationHandler,
    ReleaseCustomerHandler,
    TransferCustomersHandler,
    CreatePoolHandler,
    ChangePoolHandler,
    ListClaimableCustomersHandler,
    ListMyCustomersHandler,
    ListMyApplicationsHandler,
    ListPoolsHandler,
    PreviewRecycleHandler,
    TrackCustomersReaction,
    SettleClaimApplicationsReaction,
    RecycleIdleCustomersJob,
    SendRecycleRemindersJob,
    ExpireClaimApplicationsJob,
    PoolScheduler,
  ],
  exports: [RecycleIdleCustomersJob, SendRecycleRemindersJob, ExpireClaimApplicationsJob],
})
export class PoolModule {}
