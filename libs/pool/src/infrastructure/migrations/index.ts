import { PoolSchema1732500500000 } from './1732500500000-pool-schema.js';

export const poolMigrations = [PoolSchema1732500500000];
