import { OpportunitySchema1732502000000 } from './1732502000000-opportunity-schema.js';
import { Forecast1732502100000 } from './1732502100000-forecast.js';
import { Targets1732502200000 } from './1732502200000-targets.js';
import { Tasks1732502300000 } from './1732502300000-tasks.js';
import { ReportReadModel1732507500000 } from './1732507500000-report-read-model.js';
import { TaskLeads1732508230000 } from './1732508230000-task-leads.js';
import { CollectedAmounts1732508400000 } from './1732508400000-collected-amounts.js';
import { ReportPeriodsAndFineStays1732508410000 } from './1732508410000-report-periods-and-fine-stays.js';
import { FunnelPeriodBuckets1732509100000 } from './1732509100000-funnel-period-buckets.js';
import { ReportLocksPerPipeline1732509250100 } from './1732509250100-report-locks-per-pipeline.js';
import { ReportRefreshOnCountedChanges1732509250200 } from './1732509250200-report-refresh-on-counted-changes.js';
import { FunnelFinePeriodsAndSetRebuild1732509380000 } from './1732509380000-funnel-fine-periods-and-set-rebuild.js';

export const opportunityMigrations = [
  OpportunitySchema1732502000000,
  Forecast1732502100000,
  Targets1732502200000,
  Tasks1732502300000,
  ReportReadModel1732507500000,
  TaskLeads1732508230000,
  CollectedAmounts1732508400000,
  ReportPeriodsAndFineStays1732508410000,
  FunnelPeriodBuckets1732509100000,
  ReportLocksPerPipeline1732509250100,
  ReportRefreshOnCountedChanges1732509250200,
  FunnelFinePeriodsAndSetRebuild1732509380000,
];
