import { Module, type DynamicModule } from '@nestjs/common';
import { ApprovalModule, approvalMigrations } from '@crm/approval';
import { CatalogModule, catalogMigrations } from '@crm/catalog';
import { ContactModule, contactMigrations } from '@crm/contact';
import { ContractModule, contractMigrations } from '@crm/contract';
import { CustomerModule, customerMigrations } from '@crm/customer';
import { IdentityModule, identityMigrations } from '@crm/identity';
import { LeadModule, leadMigrations } from '@crm/lead';
import { NotificationModule, notificationMigrations } from '@crm/notification';
import { OpportunityModule, opportunityMigrations } from '@crm/opportunity';
import { PoolModule, poolMigrations } from '@crm/pool';
import { PlatformModule, type AppConfig } from '@crm/platform';
import { ServiceTicketModule, serviceTicketMigrations } from '@crm/service-ticket';
import { WebhookModule, webhookMigrations } from '@crm/webhook';
import { DemoDataLoader } from './demo-data.js';

/** Every context's migrations, in one ordered list. */
export const allMigrations = [
  ...identityMigrations,
  ...customerMigrations,
  ...catalogMigrations,
  ...approvalMigrations,
  ...poolMigrations,
  ...contactMigrations,
  ...opportunityMigrations,
  ...leadMigrations,
  ...notificationMigrations,
  ...webhookMigrations,
  ...contractMigrations,
  ...serviceTicketMigrations,
];

/** Every bounded context, composed once for the api and the worker. */
export const contextModules = [
  IdentityModule,
  CustomerModule,
  ContactModule,
  CatalogModule,
  ApprovalModule,
  PoolModule,
  OpportunityModule,
  LeadModule,
  NotificationModule,
  WebhookModule,
  ContractModule,
  ServiceTicketModule,
];

/** The HTTP composition root: the platform plus every bounded context. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot({ config, migrations: allMigrations, http: true }), ...contextModules],
      providers: [DemoDataLoader],
    };
  }
}
