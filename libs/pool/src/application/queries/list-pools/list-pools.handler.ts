import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PoolRepository } from '../../../infrastructure/pool.repository.js';
import { isPoolAdmin, isPoolMember } from '../../pool-access.js';
import { ListPoolsQuery, type PoolView } from './list-pools.query.js';

@QueryHandler(ListPoolsQuery)
export class ListPoolsHandler implements IQueryHandler<ListPoolsQuery> {
  constructor(private readonly pool: PoolRepository) {}

  async execute({ actor }: ListPoolsQuery): Promise<PoolView[]> {
    return (await this.pool.listPools()).map((pool) => ({ ...pool, member: isPoolMember(actor, pool), admin: isPoolAdmin(actor, pool) }));
  }
}
