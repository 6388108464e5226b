import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { RecordKind } from '../../../domain/contact.types.js';

export interface ContactRecordView {
  id: string;
  customerId: string | null;
  authorId: string;
  kind: RecordKind;
  content: string;
  occurredAt: string;
}

/** Everything noted about the person, from every company they were at, latest first. */
export class ListContactRecordsQuery extends Query<Page<ContactRecordView>> {
  constructor(
    readonly actor: Actor,
    readonly contactId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
