import { PlatformFoundation1732500000000 } from './1732500000000-platform-foundation.js';
import { IdempotencyOwner1732500900000 } from './1732500900000-idempotency-owner.js';
import { PartitionedEventLog1732509150000 } from './1732509150000-partitioned-event-log.js';

export const platformMigrations = [PlatformFoundation1732500000000, IdempotencyOwner1732500900000, PartitionedEventLog1732509150000];
