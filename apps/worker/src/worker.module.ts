import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CustomerModule } from '@crm/customer';
import { PlatformModule, type AppConfig } from '@crm/platform';
import { allMigrations } from '../../api/src/app.module.js';
import { PurgeIdempotencyKeysJob } from './jobs/purge-idempotency-keys.job.js';

/**
 * The worker: the same contexts without HTTP, running the outbox dispatcher, the NATS relay
 * and the schedules. Any number may run beside the api processes.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot({ config, migrations: allMigrations, http: false }),
        ScheduleModule.forRoot(),
        CustomerModule,
      ],
      providers: config.runSchedules ? [PurgeIdempotencyKeysJob] : [],
    };
  }
}
