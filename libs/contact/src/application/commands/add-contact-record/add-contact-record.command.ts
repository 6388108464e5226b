import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { RecordKind } from '../../../domain/contact.types.js';

/** A note or communication record on the person [沟通记录]; it stays with them across companies. */
export class AddContactRecordCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly contactId: string,
    readonly record: { kind: RecordKind; content: string; occurredAt?: Date; customerId?: string },
  ) {
    super();
  }
}
