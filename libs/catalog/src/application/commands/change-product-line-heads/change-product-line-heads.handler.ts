import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { assertSaved, UnitOfWork } from '@crm/platform';
import { CatalogEvents } from '../../../contracts/events.js';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { ChangeProductLineHeadsCommand } from './change-product-line-heads.command.js';

export async function assertActiveHeads(identity: UserDirectory, headIds: readonly string[]): Promise<void> {
  for (const headId of headIds) if (!(await identity.isActiveUser(headId))) throw CatalogErrors.headNotActive();
}

@CommandHandler(ChangeProductLineHeadsCommand)
export class ChangeProductLineHeadsHandler implements ICommandHandler<ChangeProductLineHeadsCommand> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly identity: UserDirectory,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ productLineId, headIds, expectedVersion }: ChangeProductLineHeadsCommand): Promise<{ version: number }> {
    await assertActiveHeads(this.identity, headIds);
    const before = await this.catalog.findLine(productLineId);
    if (!before) throw CatalogErrors.lineNotFound();
    const after = await this.catalog.setHeads(productLineId, headIds, expectedVersion);
    await assertSaved(after !== undefined, 'product line', expectedVersion, () => before.version);
    this.uow.raise(CatalogEvents.productLineHeadsChanged.create(productLineId, { productLineId, changes: { headIds: { from: before.headIds, to: headIds } } }));
    return { version: after!.version };
  }
}
