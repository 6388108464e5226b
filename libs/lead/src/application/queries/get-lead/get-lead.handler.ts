import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { LeadPoolRepository } from '../../../infrastructure/lead-pool.repository.js';
import { LeadReader } from '../lead-reader.js';
import { GetLeadQuery, type LeadDetail } from './get-lead.query.js';

@QueryHandler(GetLeadQuery)
export class GetLeadHandler implements IQueryHandler<GetLeadQuery> {
  constructor(
    private readonly reader: LeadReader,
    private readonly pools: LeadPoolRepository,
    private readonly tx: TransactionHost,
  ) {}

  async execute({ actor, leadId }: GetLeadQuery): Promise<LeadDetail> {
    const row = await this.reader.visibleRow(actor, leadId);
    const [view] = await this.reader.views([row]);
    const stays = await this.tx.query<{
      pool_id: string;
      pool_path: string[];
      entered_at: Date;
      entered_by: string;
      reason: string | null;
      left_at: Date | null;
    }>(`SELECT pool_id, pool_path, entered_at, entered_by, reason, left_at FROM lead.pool_stays WHERE lead_id = $1 ORDER BY entered_at, id`, [leadId]);
    const names = await this.pools.names(stays.flatMap((stay) => stay.pool_path));
    const ref = (id: string) => ({ id, name: names.get(id) ?? '' });
    return {
      ...view!,
      poolHistory: stays.map((stay) => ({
        pool: ref(stay.pool_id),
        path: stay.pool_path.map(ref),
        enteredAt: new Date(stay.entered_at).toISOString(),
        enteredBy: stay.entered_by,
        reason: stay.reason,
        leftAt: stay.left_at ? new Date(stay.left_at).toISOString() : null,
      })),
    };
  }
}
