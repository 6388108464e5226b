import type { MigrationInterface } from 'typeorm';

export const serviceTicketMigrations: (new () => MigrationInterface)[] = [];
