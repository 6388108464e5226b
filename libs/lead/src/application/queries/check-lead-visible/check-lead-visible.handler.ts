import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LeadReader } from '../lead-reader.js';
import { CheckLeadVisibleQuery, type VisibleLead } from './check-lead-visible.query.js';

@QueryHandler(CheckLeadVisibleQuery)
export class CheckLeadVisibleHandler implements IQueryHandler<CheckLeadVisibleQuery> {
  constructor(private readonly reader: LeadReader) {}

  async execute({ actor, leadId }: CheckLeadVisibleQuery): Promise<VisibleLead> {
    const row = await this.reader.visibleRow(actor, leadId);
    return { leadId: row.id, status: row.status, ownerId: row.owner_id };
  }
}
