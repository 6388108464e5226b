import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { LeadProfile } from '../../../domain/lead.types.js';

/** Edit a lead's contact details or source [编辑线索]; it is re-scored with the rules in force. */
export class UpdateLeadCommand extends Command<{ version: number }> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly edits: Partial<LeadProfile>,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
