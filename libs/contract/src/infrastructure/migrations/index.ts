import type { MigrationInterface } from 'typeorm';
import { OrdersAndPayments1732505600000 } from './1732505600000-orders-and-payments.js';

export const contractMigrations: (new () => MigrationInterface)[] = [OrdersAndPayments1732505600000];
