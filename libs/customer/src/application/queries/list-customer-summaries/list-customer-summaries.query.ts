import { Query } from '@nestjs/cqrs';

export interface CustomerSummary {
  id: string;
  name: string;
  kind: string;
  grade: string;
  industry: string | null;
  province: string | null;
  city: string | null;
}

/**
 * Names and classification of many customers at once (no contact details), for other contexts'
 * lists: by ids, or every customer after a cursor id for bulk syncs.
 */
export class ListCustomerSummariesQuery extends Query<CustomerSummary[]> {
  constructor(readonly selection: { ids: readonly string[] } | { afterId: string | null; limit: number }) {
    super();
  }
}
