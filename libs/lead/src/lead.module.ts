import { Module } from '@nestjs/common';
import { APP_CONFIG, fileStorageOf, providePermissions, type AppConfig } from '@crm/platform';
import { AssignLeadHandler } from './application/commands/assign-lead/assign-lead.handler.js';
import { CloseLeadHandler, ReopenLeadHandler } from './application/commands/close-lead/close-lead.handler.js';
import { IngestLeadActivitiesHandler } from './application/commands/ingest-lead-activities/ingest-lead-activities.handler.js';
import { LeadActivitiesController } from './http/lead-activities.controller.js';
import { ActivityIngestStore } from './infrastructure/activity-ingest-store.js';
import { ClaimLeadHandler } from './application/commands/claim-lead/claim-lead.handler.js';
import { CustomerMatcher } from './application/customer-matcher.js';
import { LeadAssigner } from './application/lead-assigner.js';
import { CheckLeadVisibleHandler } from './application/queries/check-lead-visible/check-lead-visible.handler.js';
import { AssignmentStatsHandler, PreviewAssignmentHandler } from './application/queries/assignment-preview/assignment-preview.handler.js';
import { AssignmentStore } from './infrastructure/assignment-store.js';
import { ConvertLeadHandler } from './application/commands/convert-lead/convert-lead.handler.js';
import { FinishLeadConversionHandler } from './application/commands/finish-lead-conversion/finish-lead-conversion.handler.js';
import { LeadConversion } from './application/lead-conversion.js';
import { FinishConversionsOnApprovalReaction } from './application/reactions/finish-conversions-on-approval.reaction.js';
import { StartLeadImportHandler } from './application/commands/start-lead-import/start-lead-import.handler.js';
import { CaptureBatch } from './application/capture-batch.js';
import { FormIntake } from './application/form-intake.js';
import { FormInbox } from './infrastructure/form-inbox.js';
import { LeadImportFiles } from './application/lead-import-files.js';
import { LeadImporter } from './application/lead-importer.js';
import { GetLeadImportHandler, ListLeadImportRowsHandler, ListLeadImportsHandler } from './application/queries/get-lead-import/get-lead-import.handler.js';
import { LeadImportsController } from './http/lead-imports.controller.js';
import { ImportStore } from './infrastructure/import-store.js';
import { ChangeLeadFormHandler, CreateLeadFormHandler } from './application/commands/save-lead-form/save-lead-form.handler.js';
import { GetLeadFormHandler, ListLeadFormsHandler } from './application/queries/lead-forms/lead-forms.handler.js';
import { LeadFormsController, PublicFormsController } from './http/lead-forms.controller.js';
import { FormRateLimiter } from './infrastructure/form-rate-limiter.js';
import { FormStore } from './infrastructure/form-store.js';
import { ChangeCampaignHandler, CreateCampaignHandler } from './application/commands/save-campaign/save-campaign.handler.js';
import { ChannelReportHandler, GetCampaignHandler, ListCampaignsHandler } from './application/queries/campaigns/campaigns.handler.js';
import { ClosureReportHandler } from './application/queries/closure-report/closure-report.handler.js';
import { ConversionReportHandler } from './application/queries/conversion-report/conversion-report.handler.js';
import { ProjectLeadOpportunitiesReaction } from './application/reactions/project-lead-opportunities.reaction.js';
import { CampaignsController, LeadReportsController } from './http/campaigns.controller.js';
import { CampaignStore } from './infrastructure/campaign-store.js';
import { ChangeClosureReasonHandler, CreateClosureReasonHandler } from './application/commands/save-closure-reason/save-closure-reason.handler.js';
import { GetClosureReasonHandler, ListClosureReasonsHandler } from './application/queries/closure-reasons/closure-reasons.handler.js';
import { LeadClosureReasonsController } from './http/lead-closure-reasons.controller.js';
import { ClosureReasonStore } from './infrastructure/closure-reason-store.js';
import { CaptureLeadHandler } from './application/commands/capture-lead/capture-lead.handler.js';
import { ChangeLeadPoolHandler } from './application/commands/change-lead-pool/change-lead-pool.handler.js';
import { CreateLeadPoolHandler } from './application/commands/create-lead-pool/create-lead-pool.handler.js';
import { MoveLeadHandler } from './application/commands/move-lead/move-lead.handler.js';
import { RecordLeadActivityHandler } from './application/commands/record-lead-activity/record-lead-activity.handler.js';
import { ReplaceScoringRulesHandler } from './application/commands/replace-scoring-rules/replace-scoring-rules.handler.js';
import { RescoreOpenLeadsHandler } from './application/commands/rescore-open-leads/rescore-open-leads.handler.js';
import { UpdateLeadHandler } from './application/commands/update-lead/update-lead.handler.js';
import { LeadScheduler } from './application/jobs/lead-scheduler.js';
import { RecycleLeadsJob } from './application/jobs/recycle-leads.job.js';
import { SendLeadRecycleRemindersJob } from './application/jobs/send-lead-recycle-reminders.job.js';
import { RescoreDueLeadsJob } from './application/jobs/rescore-due-leads.job.js';
import { ResumeLeadImportsJob } from './application/jobs/resume-lead-imports.job.js';
import { LeadAccess } from './application/lead-access.js';
import { LeadScorer } from './application/lead-scorer.js';
import { GetLeadHistoryHandler } from './application/queries/get-lead-history/get-lead-history.handler.js';
import { GetLeadPoolHandler } from './application/queries/get-lead-pool/get-lead-pool.handler.js';
import { GetLeadScoreHandler } from './application/queries/get-lead-score/get-lead-score.handler.js';
import { GetLeadHandler } from './application/queries/get-lead/get-lead.handler.js';
import { GetScoringRulesHandler } from './application/queries/get-scoring-rules/get-scoring-rules.handler.js';
import { LeadReader } from './application/queries/lead-reader.js';
import { ListLeadPoolsHandler } from './application/queries/list-lead-pools/list-lead-pools.handler.js';
import { ListLeadsHandler } from './application/queries/list-leads/list-leads.handler.js';
import { ProjectLeadHistoryReaction } from './application/reactions/project-lead-history.reaction.js';
import { RescoreOnRulesChangeReaction } from './application/reactions/rescore-on-rules-change.reaction.js';
import { Leads } from './domain/leads.port.js';
import { LeadScoringRules } from './domain/scoring-rules.port.js';
import { LeadPoolsController } from './http/lead-pools.controller.js';
import { LeadScoringRulesController } from './http/lead-scoring-rules.controller.js';
import { LeadsController } from './http/leads.controller.js';
import { LeadPoolRepository } from './infrastructure/lead-pool.repository.js';
import { SqlLeadScoringRules } from './infrastructure/sql-lead-scoring-rules.js';
import { SqlLeads } from './infrastructure/sql-leads.js';
import { LEAD_PERMISSIONS } from './lead.permissions.js';
import './lead.messages.js';

/** Lead [线索]: nested lead pools, capture with de-duplication, rule scoring and grading, 5W2H history. */
@Module({
  controllers: [
    LeadsController,
    LeadActivitiesController,
    LeadPoolsController,
    LeadScoringRulesController,
    LeadImportsController,
    LeadFormsController,
    PublicFormsController,
    CampaignsController,
    LeadReportsController,
    LeadClosureReasonsController,
  ],
  providers: [
    providePermissions(LEAD_PERMISSIONS),
    { provide: Leads, useClass: SqlLeads },
    { provide: LeadScoringRules, useClass: SqlLeadScoringRules },
    LeadPoolRepository,
    LeadAccess,
    LeadScorer,
    LeadReader,
    AssignmentStore,
    LeadAssigner,
    CustomerMatcher,
    PreviewAssignmentHandler,
    CheckLeadVisibleHandler,
    AssignmentStatsHandler,
    AssignLeadHandler,
    ClaimLeadHandler,
    ActivityIngestStore,
    IngestLeadActivitiesHandler,
    ClosureReasonStore,
    CreateClosureReasonHandler,
    ChangeClosureReasonHandler,
    ListClosureReasonsHandler,
    GetClosureReasonHandler,
    ClosureReportHandler,
    ConversionReportHandler,
    CloseLeadHandler,
    ReopenLeadHandler,
    ConvertLeadHandler,
    FinishLeadConversionHandler,
    LeadConversion,
    ImportStore,
    FormStore,
    CampaignStore,
    CreateCampaignHandler,
    ChangeCampaignHandler,
    GetCampaignHandler,
    ListCampaignsHandler,
    ChannelReportHandler,
    ProjectLeadOpportunitiesReaction,
    FinishConversionsOnApprovalReaction,
    FormRateLimiter,
    CreateLeadFormHandler,
    ChangeLeadFormHandler,
    GetLeadFormHandler,
    ListLeadFormsHandler,
    // Uploads wait in the platform's file storage, which every process reads.
    { provide: LeadImportFiles, inject: [APP_CONFIG], useFactory: (config: AppConfig) => fileStorageOf(config) },
    LeadImporter,
    CaptureBatch,
    FormInbox,
    FormIntake,
    ResumeLeadImportsJob,
    StartLeadImportHandler,
    GetLeadImportHandler,
    ListLeadImportRowsHandler,
    ListLeadImportsHandler,
    CaptureLeadHandler,
    UpdateLeadHandler,
    RecordLeadActivityHandler,
    MoveLeadHandler,
    CreateLeadPoolHandler,
    ChangeLeadPoolHandler,
    ReplaceScoringRulesHandler,
    RescoreOpenLeadsHandler,
    GetLeadHandler,
    ListLeadsHandler,
    GetLeadScoreHandler,
    GetLeadHistoryHandler,
    GetLeadPoolHandler,
    ListLeadPoolsHandler,
    GetScoringRulesHandler,
    ProjectLeadHistoryReaction,
    RescoreOnRulesChangeReaction,
    RescoreDueLeadsJob,
    RecycleLeadsJob,
    SendLeadRecycleRemindersJob,
    LeadScheduler,
  ],
  exports: [RescoreDueLeadsJob, RecycleLeadsJob, SendLeadRecycleRemindersJob, ResumeLeadImportsJob],
})
export class LeadModule {}
