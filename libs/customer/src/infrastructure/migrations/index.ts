import { CustomerSchema1732500100000 } from './1732500100000-customer-schema.js';

export const customerMigrations = [CustomerSchema1732500100000];
