import type { MigrationInterface } from 'typeorm';
import { TicketSchema1732506000000 } from './1732506000000-ticket-schema.js';

export const serviceTicketMigrations: (new () => MigrationInterface)[] = [TicketSchema1732506000000];
