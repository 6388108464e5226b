import { Module } from '@nestjs/common';
import { providePermissions } from '@crm/platform';
import { AddCollaboratorHandler } from './application/commands/add-collaborator/add-collaborator.handler.js';
import { ChangePipelineHandler } from './application/commands/change-pipeline/change-pipeline.handler.js';
import { ChangeStageHandler } from './application/commands/change-stage/change-stage.handler.js';
import { CreateLossReasonHandler } from './application/commands/create-loss-reason/create-loss-reason.handler.js';
import { CreateOpportunityHandler } from './application/commands/create-opportunity/create-opportunity.handler.js';
import { CreatePipelineHandler } from './application/commands/create-pipeline/create-pipeline.handler.js';
import { RecordActivityHandler } from './application/commands/record-activity/record-activity.handler.js';
import { RemoveCollaboratorHandler } from './application/commands/remove-collaborator/remove-collaborator.handler.js';
import { TransferOpportunityHandler } from './application/commands/transfer-opportunity/transfer-opportunity.handler.js';
import { UpdateOpportunityHandler } from './application/commands/update-opportunity/update-opportunity.handler.js';
import { AdjustForecastHandler } from './application/commands/adjust-forecast/adjust-forecast.handler.js';
import { GetForecastHandler } from './application/queries/get-forecast/get-forecast.handler.js';
import { SnapshotForecastsHandler } from './application/commands/snapshot-forecasts/snapshot-forecasts.handler.js';
import { OpportunityScheduler } from './application/jobs/opportunity-scheduler.js';
import { SendTaskRemindersJob } from './application/jobs/send-task-reminders.job.js';
import { GetForecastAccuracyHandler } from './application/queries/get-forecast-accuracy/get-forecast-accuracy.handler.js';
import { ChangeTargetHandler } from './application/commands/change-target/change-target.handler.js';
import { SetTargetHandler } from './application/commands/set-target/set-target.handler.js';
import { GetTargetCoverageHandler } from './application/queries/get-target-coverage/get-target-coverage.handler.js';
import { GetTargetHandler } from './application/queries/get-target/get-target.handler.js';
import { ListTargetsHandler } from './application/queries/list-targets/list-targets.handler.js';
import { TargetReader } from './application/targets/target-reader.js';
import { ProjectCollectedAmountsReaction } from './application/reactions/project-collected-amounts.reaction.js';
import { TargetsController } from './http/targets.controller.js';
import { TasksController } from './http/tasks.controller.js';
import { LeadTasksController } from './http/lead-tasks.controller.js';
import { ListLeadTasksHandler } from './application/queries/list-lead-tasks/list-lead-tasks.handler.js';
import { SqlTargets } from './infrastructure/sql-targets.js';
import { GetLeaderboardHandler } from './application/queries/get-leaderboard/get-leaderboard.handler.js';
import { CloseTaskHandler } from './application/commands/close-task/close-task.handler.js';
import { CreateTaskHandler } from './application/commands/create-task/create-task.handler.js';
import { MoveLeadTasksHandler } from './application/commands/move-lead-tasks/move-lead-tasks.handler.js';
import { SendTaskRemindersHandler } from './application/commands/send-task-reminders/send-task-reminders.handler.js';
import { ListTasksHandler } from './application/queries/list-tasks/list-tasks.handler.js';
import { SqlTasks } from './infrastructure/sql-tasks.js';
import { GetFunnelHandler } from './application/queries/get-funnel/get-funnel.handler.js';
import { GetOpportunityHandler } from './application/queries/get-opportunity/get-opportunity.handler.js';
import { GetPipelineHandler } from './application/queries/get-pipeline/get-pipeline.handler.js';
import { ListActivitiesHandler } from './application/queries/list-activities/list-activities.handler.js';
import { ListLossReasonsHandler } from './application/queries/list-loss-reasons/list-loss-reasons.handler.js';
import { ListOpportunitiesHandler } from './application/queries/list-opportunities/list-opportunities.handler.js';
import { ListPipelinesHandler } from './application/queries/list-pipelines/list-pipelines.handler.js';
import { ListStageChangesHandler } from './application/queries/list-stage-changes/list-stage-changes.handler.js';
import { ListTransfersHandler } from './application/queries/list-transfers/list-transfers.handler.js';
import { Opportunities } from './domain/opportunities.port.js';
import { Pipelines } from './domain/pipelines.port.js';
import { OpportunitiesController } from './http/opportunities.controller.js';
import { OpportunityReportsController } from './http/opportunity-reports.controller.js';
import { PipelinesController } from './http/pipelines.controller.js';
import { OpportunityPeople } from './infrastructure/opportunity-people.js';
import { SqlOpportunities } from './infrastructure/sql-opportunities.js';
import { SqlPipelines } from './infrastructure/sql-pipelines.js';
import { ReportReadModel } from './infrastructure/report-read-model.js';
import { OPPORTUNITY_PERMISSIONS } from './opportunity.permissions.js';
import './opportunity.messages.js';

/** Opportunity [商机]: pipelines and stages as data, opportunities with products, competitors, visits, collaborators. */
@Module({
  // Reports first: their fixed paths (/opportunities/funnel) before /opportunities/{id}.
  controllers: [PipelinesController, OpportunityReportsController, OpportunitiesController, TargetsController, TasksController, LeadTasksController],
  providers: [
    ListLeadTasksHandler,
    providePermissions(OPPORTUNITY_PERMISSIONS),
    { provide: Pipelines, useClass: SqlPipelines },
    { provide: Opportunities, useClass: SqlOpportunities },
    OpportunityPeople,
    ReportReadModel,
    CreateOpportunityHandler,
    UpdateOpportunityHandler,
    ChangeStageHandler,
    ListStageChangesHandler,
    RecordActivityHandler,
    ListActivitiesHandler,
    TransferOpportunityHandler,
    ListTransfersHandler,
    AddCollaboratorHandler,
    RemoveCollaboratorHandler,
    GetOpportunityHandler,
    ListOpportunitiesHandler,
    CreatePipelineHandler,
    ChangePipelineHandler,
    CreateLossReasonHandler,
    GetPipelineHandler,
    ListPipelinesHandler,
    ListLossReasonsHandler,
    GetFunnelHandler,
    GetForecastHandler,
    AdjustForecastHandler,
    SnapshotForecastsHandler,
    GetForecastAccuracyHandler,
    OpportunityScheduler,
    SqlTasks,
    CreateTaskHandler,
    CloseTaskHandler,
    MoveLeadTasksHandler,
    ListTasksHandler,
    SendTaskRemindersHandler,
    SendTaskRemindersJob,
    SqlTargets,
    TargetReader,
    ProjectCollectedAmountsReaction,
    SetTargetHandler,
    ChangeTargetHandler,
    GetTargetHandler,
    ListTargetsHandler,
    GetTargetCoverageHandler,
    GetLeaderboardHandler,
  ],
  exports: [SendTaskRemindersJob],
})
export class OpportunityModule {}
