/** The Pool context's public surface: its events (see openapi/asyncapi.yaml), queries, jobs for the worker, configuration. */
export { ChangePoolCommand } from '../application/commands/change-pool/change-pool.command.js';
export { GetClaimStatusQuery, type ClaimStatus } from '../application/queries/get-claim-status/get-claim-status.query.js';
export { DEFAULT_POOL_RULES, type PoolRules } from '../domain/pool-rules.js';
export { RecycleIdleCustomersJob } from '../application/jobs/recycle-idle-customers.job.js';
export { SendRecycleRemindersJob } from '../application/jobs/send-recycle-reminders.job.js';
export { ExpireClaimApplicationsJob } from '../application/jobs/expire-claim-applications.job.js';
export { PoolEvents, type ClaimScopeV1, type CustomerProtectedV1, type HoldersV1 } from './events.js';
