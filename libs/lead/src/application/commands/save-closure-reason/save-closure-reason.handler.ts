import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertIfMatch, assertSaved } from '@crm/platform';
import { ClosureReasonErrors } from '../../../domain/closure-reason.js';
import { ClosureReasonStore } from '../../../infrastructure/closure-reason-store.js';
import { ChangeClosureReasonCommand, CreateClosureReasonCommand } from './save-closure-reason.command.js';

@CommandHandler(CreateClosureReasonCommand)
export class CreateClosureReasonHandler implements ICommandHandler<CreateClosureReasonCommand> {
  constructor(private readonly reasons: ClosureReasonStore) {}

  /** 409 `LEAD.CLOSURE_REASON_EXISTS` for a key in use (active or not), `LEAD.CLOSURE_REASON_LABEL_TAKEN` for a label. */
  async execute({ reason }: CreateClosureReasonCommand): Promise<void> {
    await this.reasons.insert(reason);
  }
}

@CommandHandler(ChangeClosureReasonCommand)
export class ChangeClosureReasonHandler implements ICommandHandler<ChangeClosureReasonCommand> {
  constructor(private readonly reasons: ClosureReasonStore) {}

  async execute({ key, changes, expectedVersion }: ChangeClosureReasonCommand): Promise<{ version: number }> {
    const current = await this.reasons.find(key, { lock: true });
    if (!current) throw ClosureReasonErrors.notFound(key);
    assertIfMatch('closure reason', expectedVersion, current.version);
    const version = await this.reasons.update({ ...current, ...changes, key }, current.version);
    await assertSaved(version !== undefined, 'closure reason', expectedVersion, () => current.version);
    return { version: version! };
  }
}
