import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { SnapshotForecastsCommand } from '../commands/snapshot-forecasts/snapshot-forecasts.command.js';
import { SendTaskRemindersJob } from './send-task-reminders.job.js';

/**
 * The Opportunity context's jobs where schedules are on, every CRM_JOB_INTERVAL_SECONDS: this week's
 * forecast snapshot [预测快照] (taken by the first run of the week, a no-op after that in every process:
 * the week is claimed in the database) and the due-task reminders [任务提醒] (each task once). Never two
 * runs of one job at once in a process.
 */
@Injectable()
export class OpportunityScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OpportunityScheduler');
  private readonly running = new Set<string>();

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly commands: CommandBus,
    private readonly reminders: SendTaskRemindersJob,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runSchedules) return;
    const jobs: Record<string, () => Promise<void>> = {
      'opportunity.snapshot-forecasts': async () => {
        const result = await this.commands.execute(new SnapshotForecastsCommand('system'));
        if (result.taken) this.logger.debug(`Forecast snapshot for the week of ${result.weekStart}: ${result.rows} figures`);
      },
      'opportunity.send-task-reminders': async () => {
        const sent = await this.reminders.run();
        if (sent > 0) this.logger.log(`Reminded ${sent} due tasks`);
      },
    };
    for (const [name, run] of Object.entries(jobs)) {
      this.registry.addInterval(
        name,
        setInterval(() => void this.once(name, run), this.config.jobIntervalSeconds * 1000),
      );
    }
  }

  onApplicationShutdown(): void {
    for (const name of this.registry.getIntervals()) if (name.startsWith('opportunity.')) this.registry.deleteInterval(name);
  }

  private async once(name: string, run: () => Promise<void>): Promise<void> {
    if (this.running.has(name)) return;
    this.running.add(name);
    try {
      await run();
    } catch (error) {
      this.logger.error(`${name} failed: ${(error as Error).message}`);
    } finally {
      this.running.delete(name);
    }
  }
}
