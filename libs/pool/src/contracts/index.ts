/** The Pool context's public surface: its events (see openapi/asyncapi.yaml), jobs for the worker, configuration. */
export { ChangePoolCommand } from '../application/commands/change-pool/change-pool.command.js';
export { DEFAULT_POOL_RULES, type PoolRules } from '../domain/pool-rules.js';
export { RecycleIdleCustomersJob } from '../application/jobs/recycle-idle-customers.job.js';
export { SendRecycleRemindersJob } from '../application/jobs/send-recycle-reminders.job.js';
export { ExpireClaimApplicationsJob } from '../application/jobs/expire-claim-applications.job.js';

export const PoolEvents = {
  customerProtected: 'pool.customer-protected.v1',
  claimApplied: 'pool.claim-applied.v1',
  claimApplicationClosed: 'pool.claim-application-closed.v1',
  customerReleased: 'pool.customer-released.v1',
  customerTransferred: 'pool.customer-transferred.v1',
  customerRecycled: 'pool.customer-recycled.v1',
  recycleReminder: 'pool.recycle-reminder.v1',
  poolCreated: 'pool.pool-created.v1',
  poolChanged: 'pool.pool-changed.v1',
} as const;
