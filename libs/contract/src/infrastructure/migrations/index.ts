import type { MigrationInterface } from 'typeorm';

export const contractMigrations: (new () => MigrationInterface)[] = [];
