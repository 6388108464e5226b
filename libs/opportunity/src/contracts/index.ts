/**
 * The Opportunity context's public surface: its events (see openapi/asyncapi.yaml). Contracts and
 * orders react to `opportunity.won`; the customer 360 timeline shows every opportunity event.
 */
export {
  OpportunityEvents,
  type OpportunityCreatedV1,
  type OpportunityLineV1,
  type OpportunityStageChangedV1,
  type OpportunityWonV1,
  type PipelineStageV1,
} from './events.js';
/** The due-task reminder scan [任务提醒], for the worker's schedule and for tests. */
export { SendTaskRemindersJob } from '../application/jobs/send-task-reminders.job.js';
/** Opening an opportunity from other contexts (a lead's conversion [线索转化], `source.kind: lead`). */
export { CreateOpportunityCommand, type CreateOpportunityInput } from '../application/commands/create-opportunity/create-opportunity.command.js';
