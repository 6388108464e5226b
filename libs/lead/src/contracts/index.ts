/**
 * The Lead context's public surface: its events (see openapi/asyncapi.yaml) and the job the
 * worker schedules. Other contexts react to lead events; they never read the lead schema.
 */
export { CheckLeadVisibleQuery, type VisibleLead } from '../application/queries/check-lead-visible/check-lead-visible.query.js';
export { RecycleLeadsJob } from '../application/jobs/recycle-leads.job.js';
export { RescoreDueLeadsJob } from '../application/jobs/rescore-due-leads.job.js';
export { ResumeLeadImportsJob } from '../application/jobs/resume-lead-imports.job.js';
export { SendLeadRecycleRemindersJob } from '../application/jobs/send-lead-recycle-reminders.job.js';
export {
  LeadEvents,
  type LeadAssignedV1,
  type LeadConvertedV1,
  type LeadConversionPendingV1,
  type LeadConversionRefusedV1,
  type LeadCapturedV1,
  type ScoreCauseV1,
  type ScoreContributionV1,
} from './events.js';
