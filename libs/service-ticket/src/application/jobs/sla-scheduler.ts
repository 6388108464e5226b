import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { ScanSlaClocksJob } from './scan-sla-clocks.job.js';

const JOB = 'sla.scan-clocks';

/** Runs the SLA scan every CRM_JOB_INTERVAL_SECONDS where schedules are on; never two runs at once in a process (other processes are fine). */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SlaScheduler');
  private running = false;
  private stopping = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly scan: ScanSlaClocksJob,
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
    this.stopping = true;
    if (this.registry.getIntervals().includes(JOB)) this.registry.deleteInterval(JOB);
  }

  private async once(): Promise<void> {
    if (this.running || this.stopping) return;
    this.running = true;
    try {
      await this.scan.run();
    } catch (error) {
      this.logger.error(`${JOB} failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
