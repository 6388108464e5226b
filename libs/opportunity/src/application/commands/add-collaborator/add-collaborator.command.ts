import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { Collaborator } from '../../../domain/opportunity.aggregate.js';
import type { CollaboratorAccess } from '../../../domain/opportunity.types.js';

/**
 * The owner (or a manager with the owner in scope) asks a colleague to collaborate [协作]: they see
 * the opportunity, and with `edit` change it, without becoming a holder of the customer. Access may
 * end at a set time; adding someone again changes their access.
 */
export class AddCollaboratorCommand extends Command<Collaborator> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly userId: string,
    readonly access: CollaboratorAccess,
    readonly expiresAt: Date | null,
  ) {
    super();
  }
}
