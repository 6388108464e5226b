import type { Provider, Type } from '@nestjs/common';
import { APP_CONFIG, fileStorageOf, providePermissions, type AppConfig } from '@crm/platform';
import { AmendContractHandler } from './application/commands/amend-contract/amend-contract.handler.js';
import { ChangeContractStatusHandler } from './application/commands/change-contract-status/change-contract-status.handler.js';
import { ConfigureContractSettingsHandler } from './application/commands/configure-contract-settings/configure-contract-settings.handler.js';
import { StartContractImportHandler } from './application/commands/start-contract-import/start-contract-import.handler.js';
import { ContractImporter } from './application/contract-importer.js';
import {
  GetContractImportHandler,
  ListContractImportRowsHandler,
  ListContractImportsHandler,
} from './application/queries/get-contract-import/get-contract-import.handler.js';
import { ContractImportsController } from './http/contract-imports.controller.js';
import { ContractImportStore } from './infrastructure/contract-import-store.js';
import { CreateContractHandler } from './application/commands/create-contract/create-contract.handler.js';
import { SendContractRemindersHandler } from './application/commands/send-contract-reminders/send-contract-reminders.handler.js';
import { SettleContractApprovalHandler } from './application/commands/settle-contract-approval/settle-contract-approval.handler.js';
import { SubmitContractHandler } from './application/commands/submit-contract/submit-contract.handler.js';
import { UpdateContractHandler } from './application/commands/update-contract/update-contract.handler.js';
import { UploadContractAttachmentHandler } from './application/commands/upload-contract-attachment/upload-contract-attachment.handler.js';
import { ContractFileStorage } from './application/contract-file-storage.js';
import { ContractReferences } from './application/contract-references.js';
import { ContractScheduler } from './application/jobs/contract-scheduler.js';
import { SendContractRemindersJob } from './application/jobs/send-contract-reminders.job.js';
import { GetContractAttachmentHandler } from './application/queries/get-contract-attachment/get-contract-attachment.handler.js';
import { GetContractSettingsHandler } from './application/queries/get-contract-settings/get-contract-settings.handler.js';
import { GetContractHandler } from './application/queries/get-contract/get-contract.handler.js';
import { ListContractAttachmentsHandler } from './application/queries/list-contract-attachments/list-contract-attachments.handler.js';
import { ListContractVersionsHandler } from './application/queries/list-contract-versions/list-contract-versions.handler.js';
import { ListContractsHandler } from './application/queries/list-contracts/list-contracts.handler.js';
import { RecordWonOpportunitiesReaction } from './application/reactions/record-won-opportunities.reaction.js';
import { SettleContractApprovalsReaction } from './application/reactions/settle-contract-approvals.reaction.js';
import { Contracts } from './domain/contracts.port.js';
import { AttachmentUploadInterceptor } from './http/attachment-upload.interceptor.js';
import { ContractAttachmentsController } from './http/contract-attachments.controller.js';
import { ContractSettingsController } from './http/contract-settings.controller.js';
import { ContractsController } from './http/contracts.controller.js';
import { ContractAttachments } from './infrastructure/contract-attachments.js';
import { ContractSettingsStore } from './infrastructure/contract-settings.store.js';
import { SqlContracts } from './infrastructure/sql-contracts.js';
import { WonOpportunities } from './infrastructure/won-opportunities.js';
import { CONTRACT_PERMISSIONS } from './contract.permissions.js';
import './contract.messages.js';

/** Contracts [合同]: their controllers and providers, composed by ContractModule. */
export const CONTRACT_CONTROLLERS: Type[] = [ContractSettingsController, ContractsController, ContractAttachmentsController, ContractImportsController];
export const CONTRACT_PROVIDERS: Provider[] = [
  providePermissions(CONTRACT_PERMISSIONS),
  { provide: Contracts, useClass: SqlContracts },
  // The platform's file storage: S3-compatible object storage when CRM_S3_* is set, else a shared folder (CRM_STORAGE_DIR).
  {
    provide: ContractFileStorage,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => fileStorageOf(config),
  },
  ContractSettingsStore,
  ContractAttachments,
  WonOpportunities,
  ContractReferences,
  ContractImportStore,
  ContractImporter,
  StartContractImportHandler,
  GetContractImportHandler,
  ListContractImportsHandler,
  ListContractImportRowsHandler,
  AttachmentUploadInterceptor,
  CreateContractHandler,
  UpdateContractHandler,
  SubmitContractHandler,
  ChangeContractStatusHandler,
  AmendContractHandler,
  SettleContractApprovalHandler,
  ConfigureContractSettingsHandler,
  UploadContractAttachmentHandler,
  SendContractRemindersHandler,
  SendContractRemindersJob,
  ContractScheduler,
  GetContractHandler,
  ListContractsHandler,
  ListContractVersionsHandler,
  GetContractSettingsHandler,
  ListContractAttachmentsHandler,
  GetContractAttachmentHandler,
  RecordWonOpportunitiesReaction,
  SettleContractApprovalsReaction,
];
