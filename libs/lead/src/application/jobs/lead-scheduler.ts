import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { RescoreOpenLeadsCommand } from '../commands/rescore-open-leads/rescore-open-leads.command.js';
import { RecycleLeadsJob } from './recycle-leads.job.js';
import { RescoreDueLeadsJob } from './rescore-due-leads.job.js';
import { ResumeLeadImportsJob } from './resume-lead-imports.job.js';
import { SendLeadRecycleRemindersJob } from './send-lead-recycle-reminders.job.js';

const JOB = 'lead.rescore-due-leads';
const IMPORTS_JOB = 'lead.resume-imports';

/**
 * Runs the lead jobs (re-scoring stale and due leads, reminders, recycling) every
 * CRM_JOB_INTERVAL_SECONDS where schedules are on, and on their own interval the resumption of
 * abandoned imports, which may take minutes; never two runs of either at once in a process.
 */
@Injectable()
export class LeadScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LeadScheduler');
  private running = false;
  private resuming = false;
  private stopping = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly rescore: RescoreDueLeadsJob,
    private readonly recycle: RecycleLeadsJob,
    private readonly remind: SendLeadRecycleRemindersJob,
    private readonly imports: ResumeLeadImportsJob,
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runSchedules) return;
    this.registry.addInterval(
      JOB,
      setInterval(() => void this.once(), this.config.jobIntervalSeconds * 1000),
    );
    this.registry.addInterval(
      IMPORTS_JOB,
      setInterval(() => void this.resumeImports(), this.config.jobIntervalSeconds * 1000),
    );
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    for (const name of [JOB, IMPORTS_JOB]) if (this.registry.doesExist('interval', name)) this.registry.deleteInterval(name);
  }

  private async resumeImports(): Promise<void> {
    if (this.resuming || this.stopping) return;
    this.resuming = true;
    try {
      await this.imports.run();
    } catch (error) {
      this.logger.error(`${IMPORTS_JOB} failed: ${(error as Error).message}`);
    } finally {
      this.resuming = false;
    }
  }

  private async once(): Promise<void> {
    if (this.running || this.stopping) return;
    this.running = true;
    try {
      // Open leads still on older rules (a re-scoring another process is running, or one cut short): every worker shares it.
      await this.commands.execute(new RescoreOpenLeadsCommand());
      await this.rescore.run();
      await this.remind.run();
      await this.recycle.run();
    } catch (error) {
      this.logger.error(`${JOB} failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
