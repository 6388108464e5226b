import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { Opportunities } from '../../../domain/opportunities.port.js';
import { assertCanSee, assertOwnerOrManager } from '../../opportunity-access.js';
import { RemoveCollaboratorCommand } from './remove-collaborator.command.js';

@CommandHandler(RemoveCollaboratorCommand)
export class RemoveCollaboratorHandler implements ICommandHandler<RemoveCollaboratorCommand> {
  constructor(private readonly opportunities: Opportunities) {}

  async execute({ actor, opportunityId, userId }: RemoveCollaboratorCommand): Promise<void> {
    const opportunity = await this.opportunities.get(opportunityId);
    if (userId === actor.id) assertCanSee(actor, opportunity);
    else assertOwnerOrManager(actor, opportunity);
    const loadedVersion = opportunity.version;
    opportunity.removeCollaborator(userId, actor.id);
    await assertSaved(await this.opportunities.save(opportunity, loadedVersion), 'opportunity', undefined, () => undefined);
  }
}
