import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { SnapshotForecastsCommand } from '../commands/snapshot-forecasts/snapshot-forecasts.command.js';

const JOB = 'opportunity.snapshot-forecasts';

/**
 * Takes the weekly forecast snapshot [预测快照] where schedules are on: every CRM_JOB_INTERVAL_SECONDS it
 * asks for this week's snapshot, which is taken by the first run of the week and a no-op after that
 * (in every process: the week is claimed in the database). Never two runs at once in a process.
 */
@Injectable()
export class ForecastSnapshotScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ForecastSnapshots');
  private running = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runSchedules) return;
    this.registry.addInterval(
      JOB,
      setInterval(() => void this.once(), this.config.jobIntervalSeconds * 1000),
    );
  }

  onApplicationShutdown(): void {
    if (this.registry.getIntervals().includes(JOB)) this.registry.deleteInterval(JOB);
  }

  private async once(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const result = await this.commands.execute(new SnapshotForecastsCommand('system'));
      if (result.taken) this.logger.log(`Forecast snapshot for the week of ${result.weekStart}: ${result.rows} figures`);
    } catch (error) {
      this.logger.error(`${JOB} failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
