import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { Opportunities } from '../../../domain/opportunities.port.js';
import type { Collaborator } from '../../../domain/opportunity.aggregate.js';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { OpportunityPeople } from '../../../infrastructure/opportunity-people.js';
import { assertOwnerOrManager } from '../../opportunity-access.js';
import { AddCollaboratorCommand } from './add-collaborator.command.js';

@CommandHandler(AddCollaboratorCommand)
export class AddCollaboratorHandler implements ICommandHandler<AddCollaboratorCommand> {
  constructor(
    private readonly opportunities: Opportunities,
    private readonly people: OpportunityPeople,
  ) {}

  async execute({ actor, opportunityId, userId, access, expiresAt }: AddCollaboratorCommand): Promise<Collaborator> {
    const opportunity = await this.opportunities.get(opportunityId);
    assertOwnerOrManager(actor, opportunity);
    // Colleagues from anywhere (pre-sales, delivery, another region) may be asked; they must be active.
    if (!(await this.people.isActive(userId))) throw OpportunityErrors.collaboratorInvalid();
    const loadedVersion = opportunity.version;
    const collaborator = opportunity.addCollaborator({ userId, access, expiresAt, by: actor.id, now: new Date() });
    await assertSaved(await this.opportunities.save(opportunity, loadedVersion), 'opportunity', undefined, () => undefined);
    return collaborator;
  }
}
