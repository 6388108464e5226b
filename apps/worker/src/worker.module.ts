import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, WorkerHeartbeat, type AppConfig } from '@crm/platform';
import { allMigrations, contextModules } from '../../api/src/app.module.js';

/**
 * The worker: the same contexts without HTTP, running the outbox dispatcher, the NATS relay
 * and the schedules (recycling, reminders, expiry). Any number may run beside the api processes.
 * Its health is a heartbeat file (`main.js --health`), since it serves no HTTP.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ config, migrations: allMigrations, http: false }), ...contextModules],
      providers: [WorkerHeartbeat],
    };
  }
}
