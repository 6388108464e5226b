import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { LeadPoolErrors } from '../../../domain/lead.errors.js';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadAccess } from '../../lead-access.js';
import { LEAD_POOL_VIEW_COLUMNS, toLeadPoolView, type LeadPoolRow, type LeadPoolView } from '../lead-pool-view.js';
import { GetLeadPoolQuery } from './get-lead-pool.query.js';

@QueryHandler(GetLeadPoolQuery)
export class GetLeadPoolHandler implements IQueryHandler<GetLeadPoolQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly access: LeadAccess,
    private readonly pools: LeadPoolRepository,
  ) {}

  async execute({ actor, poolId }: GetLeadPoolQuery): Promise<LeadPoolView> {
    const row = await this.tx.queryOne<LeadPoolRow>(`SELECT ${LEAD_POOL_VIEW_COLUMNS} FROM lead.pools p WHERE p.id = $1`, [poolId]);
    const reach = await this.access.reachOf(actor);
    if (!row || !reach.seesPool(row.path)) throw LeadPoolErrors.notFound();
    return toLeadPoolView(row, reach, await this.pools.names(row.path));
  }
}
