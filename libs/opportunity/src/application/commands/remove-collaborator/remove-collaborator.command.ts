import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Ends a collaboration: by the owner or a manager with the owner in scope, or by the collaborator leaving. */
export class RemoveCollaboratorCommand extends Command<void> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
    readonly userId: string,
  ) {
    super();
  }
}
