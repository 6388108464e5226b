import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { PoolRecord } from '../../../infrastructure/pool.repository.js';

export type PoolView = PoolRecord & { member: boolean; admin: boolean };

/** Pools with their rules, marked with whether the caller is a member or an admin. */
export class ListPoolsQuery extends Query<PoolView[]> {
  constructor(readonly actor: Actor) {
    super();
  }
}
