import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '@crm/platform';
import { SendContractRemindersJob } from './send-contract-reminders.job.js';

const JOB = 'contract.send-reminders';

/** Runs the contract reminders [合同提醒] every CRM_JOB_INTERVAL_SECONDS where schedules are on; never two runs at once in a process. */
@Injectable()
export class ContractScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ContractScheduler');
  private running = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly reminders: SendContractRemindersJob,
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
      const sent = await this.reminders.run();
      if (sent > 0) this.logger.log(`Sent ${sent} contract reminders`);
    } catch (error) {
      this.logger.error(`${JOB} failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
