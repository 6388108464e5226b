import { CatalogEvents } from '../../../contracts/events.js';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PreconditionFailedError } from '@crm/kernel';
import { EventRecorder, IdentityService, TransactionHost } from '@crm/platform';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { ChangeProductLineHeadsCommand } from './change-product-line-heads.command.js';

export async function assertActiveHeads(identity: IdentityService, headIds: readonly string[]): Promise<void> {
  for (const headId of headIds) if (!(await identity.isActiveUser(headId))) throw CatalogErrors.headNotActive();
}

@CommandHandler(ChangeProductLineHeadsCommand)
export class ChangeProductLineHeadsHandler implements ICommandHandler<ChangeProductLineHeadsCommand> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly identity: IdentityService,
    private readonly tx: TransactionHost,
    private readonly events: EventRecorder,
  ) {}

  async execute({ productLineId, headIds, expectedVersion }: ChangeProductLineHeadsCommand): Promise<{ version: number }> {
    await assertActiveHeads(this.identity, headIds);
    return this.tx.run(async () => {
      const before = await this.catalog.findLine(productLineId);
      if (!before) throw CatalogErrors.lineNotFound();
      const after = await this.catalog.setHeads(productLineId, headIds, expectedVersion);
      if (!after) throw new PreconditionFailedError('product line', before.version);
      await this.events.record([CatalogEvents.productLineHeadsChanged.create(productLineId, { productLineId, changes: { headIds: { from: before.headIds, to: headIds } } })]);
      return { version: after.version };
    });
  }
}
