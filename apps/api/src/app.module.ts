import { Module, type DynamicModule } from '@nestjs/common';
import { CustomerModule, customerMigrations } from '@crm/customer';
import { PlatformModule, type AppConfig } from '@crm/platform';
import { DemoDataLoader } from './demo-data.js';

/** Every context's migrations, in one ordered list. */
export const allMigrations = [...customerMigrations];

/** The HTTP composition root: the platform plus every bounded context. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot({ config, migrations: allMigrations, http: true }), CustomerModule],
      providers: [DemoDataLoader],
    };
  }
}
