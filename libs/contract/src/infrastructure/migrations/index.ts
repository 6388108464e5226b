import type { MigrationInterface } from 'typeorm';
import { ContractSchema1732505000000 } from './1732505000000-contract-schema.js';

export const contractMigrations: (new () => MigrationInterface)[] = [
  // Contracts [合同]
  ContractSchema1732505000000,
];
