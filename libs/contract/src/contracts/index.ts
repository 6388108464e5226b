/**
 * The Contract / Order context's public surface: what other contexts may import.
 */
// Contracts [合同]: their events, and the reminder scan (for the worker's schedule and for tests).
export { ContractEvents, type ContractCreatedV1, type ContractInstalmentReminderV1, type ContractRefV1 } from './events.js';
export { SendContractRemindersJob } from '../application/jobs/send-contract-reminders.job.js';
