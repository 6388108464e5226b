import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { assertSaved, UnitOfWork } from '@crm/platform';
import { SlaEvents } from '../../../contracts/sla-events.js';
import { policyProblem } from '../../../domain/sla-policy.js';
import { SlaErrors } from '../../../domain/sla.errors.js';
import { SlaConfigurationRepository } from '../../../infrastructure/sla-configuration.repository.js';
import { SaveSlaPolicyCommand } from './save-sla-policy.command.js';

@CommandHandler(SaveSlaPolicyCommand)
export class SaveSlaPolicyHandler implements ICommandHandler<SaveSlaPolicyCommand> {
  constructor(
    private readonly configuration: SlaConfigurationRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ policyId, input, ifMatch }: SaveSlaPolicyCommand): Promise<{ policyId: string; version: number }> {
    const problem = policyProblem(input);
    if (problem) throw SlaErrors.invalidPolicy(problem);
    const id = policyId ?? uuidv7();
    if (policyId && !(await this.configuration.policyVersion(policyId))) throw SlaErrors.policyNotFound();
    const version = await this.configuration.savePolicy(id, input, policyId ? { create: false, expectedVersion: ifMatch } : { create: true });
    await assertSaved(version !== undefined, 'SLA policy', ifMatch, () => this.configuration.policyVersion(id));
    this.uow.raise(SlaEvents.policyChanged.create(id, { policyId: id, name: input.name, active: input.active, version: version! }));
    return { policyId: id, version: version! };
  }
}
