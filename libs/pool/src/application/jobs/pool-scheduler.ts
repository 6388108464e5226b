import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { ExpireClaimApplicationsJob } from './expire-claim-applications.job.js';
import { RecycleIdleCustomersJob } from './recycle-idle-customers.job.js';
import { SendRecycleRemindersJob } from './send-recycle-reminders.job.js';

/** Runs the pool's jobs every CRM_JOB_INTERVAL_SECONDS (default 60) where schedules are on; never two runs of one job at once in a process. */
@Injectable()
export class PoolScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PoolScheduler');
  private readonly running = new Set<string>();
  private stopping = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly recycle: RecycleIdleCustomersJob,
    private readonly remind: SendRecycleRemindersJob,
    private readonly expire: ExpireClaimApplicationsJob,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runSchedules) return;
    const intervalMs = this.config.jobIntervalSeconds * 1000;
    const jobs: Record<string, () => Promise<number>> = {
      'pool.expire-claim-applications': () => this.expire.run(),
      'pool.send-recycle-reminders': () => this.remind.run(),
      'pool.recycle-idle-customers': () => this.recycle.run(),
    };
    for (const [name, run] of Object.entries(jobs)) {
      this.registry.addInterval(
        name,
        setInterval(() => void this.once(name, run), intervalMs),
      );
    }
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    for (const name of this.registry.getIntervals()) if (name.startsWith('pool.')) this.registry.deleteInterval(name);
  }

  private async once(name: string, run: () => Promise<number>): Promise<void> {
    if (this.running.has(name) || this.stopping) return;
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
