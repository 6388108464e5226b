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
/** Opening an opportunity and moving it through its stages, for other contexts and the demo data. */
export { CreateOpportunityCommand, type CreateOpportunityInput } from '../application/commands/create-opportunity/create-opportunity.command.js';
/** A pipeline [销售流程] by id (404 `OPPORTUNITY.PIPELINE_NOT_FOUND`): a conversion waiting for approval checks the one it will use. */
export { GetPipelineQuery } from '../application/queries/get-pipeline/get-pipeline.query.js';
export { ChangeStageCommand } from '../application/commands/change-stage/change-stage.command.js';
/** A converted lead's open tasks follow it to the customer and opportunity, in the conversion's unit of work. */
export { MoveLeadTasksCommand } from '../application/commands/move-lead-tasks/move-lead-tasks.command.js';
