import { LeadSchema1732503000000 } from './1732503000000-lead-schema.js';
import { LeadAssignment1732507000000 } from './1732507000000-lead-assignment.js';
import { LeadImports1732507100000 } from './1732507100000-lead-imports.js';
import { LeadFormsCampaigns1732507200000 } from './1732507200000-lead-forms-campaigns.js';
import { LeadClosure1732508200000 } from './1732508200000-lead-closure.js';
import { LeadActivityIngest1732508210000 } from './1732508210000-lead-activity-ingest.js';
import { LeadRecycleReminders1732508220000 } from './1732508220000-lead-recycle-reminders.js';
import { LeadClosureReasons1732508900000 } from './1732508900000-lead-closure-reasons.js';
import { LeadRecycleReminderRules1732508910000 } from './1732508910000-lead-recycle-reminder-rules.js';
import { LeadCapturedAt1732508920000 } from './1732508920000-lead-captured-at.js';
import { LeadClosedAt1732509300000 } from './1732509300000-lead-closed-at.js';
import { LeadConversionFigures1732509440000 } from './1732509440000-lead-conversion-figures.js';
import { LeadImportLeases1732509470000 } from './1732509470000-lead-import-leases.js';
import { LeadConversionApproval1732509480000 } from './1732509480000-lead-conversion-approval.js';
import { LeadFormInbox1732509481000 } from './1732509481000-lead-form-inbox.js';

export const leadMigrations = [
  LeadSchema1732503000000,
  LeadAssignment1732507000000,
  LeadImports1732507100000,
  LeadFormsCampaigns1732507200000,
  LeadClosure1732508200000,
  LeadActivityIngest1732508210000,
  LeadRecycleReminders1732508220000,
  LeadClosureReasons1732508900000,
  LeadRecycleReminderRules1732508910000,
  LeadCapturedAt1732508920000,
  LeadClosedAt1732509300000,
  LeadConversionFigures1732509440000,
  LeadImportLeases1732509470000,
  LeadConversionApproval1732509480000,
  LeadFormInbox1732509481000,
];
