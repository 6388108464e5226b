import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ClosureReasonErrors } from '../../../domain/closure-reason.js';
import { ClosureReasonStore, type ClosureReasonRecord } from '../../../infrastructure/closure-reason-store.js';
import { GetClosureReasonQuery, ListClosureReasonsQuery, type ClosureReasonView } from './closure-reasons.query.js';

function view(record: ClosureReasonRecord): ClosureReasonView {
  return { ...record, createdAt: record.createdAt.toISOString(), updatedAt: record.updatedAt.toISOString() };
}

@QueryHandler(ListClosureReasonsQuery)
export class ListClosureReasonsHandler implements IQueryHandler<ListClosureReasonsQuery> {
  constructor(private readonly reasons: ClosureReasonStore) {}

  async execute({ includeInactive }: ListClosureReasonsQuery): Promise<{ items: ClosureReasonView[]; nextCursor: null }> {
    // A short managed list: one page, in the shape of every list.
    return { items: (await this.reasons.list(!includeInactive)).map(view), nextCursor: null };
  }
}

@QueryHandler(GetClosureReasonQuery)
export class GetClosureReasonHandler implements IQueryHandler<GetClosureReasonQuery> {
  constructor(private readonly reasons: ClosureReasonStore) {}

  async execute({ key }: GetClosureReasonQuery): Promise<ClosureReasonView> {
    const reason = await this.reasons.find(key);
    if (!reason) throw ClosureReasonErrors.notFound(key);
    return view(reason);
  }
}
