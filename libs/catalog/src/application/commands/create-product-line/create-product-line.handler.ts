import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UserDirectory } from '@crm/contracts/identity';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { CatalogEvents } from '../../../contracts/events.js';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { assertActiveHeads } from '../change-product-line-heads/change-product-line-heads.handler.js';
import { CreateProductLineCommand } from './create-product-line.command.js';

@CommandHandler(CreateProductLineCommand)
export class CreateProductLineHandler implements ICommandHandler<CreateProductLineCommand> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly identity: UserDirectory,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ input }: CreateProductLineCommand): Promise<{ id: string }> {
    await assertActiveHeads(this.identity, input.headIds);
    const id = uuidv7();
    if (!(await this.catalog.insertLine({ id, ...input }))) throw CatalogErrors.codeTaken(input.code);
    this.uow.raise(CatalogEvents.productLineCreated.create(id, { productLineId: id, ...input }));
    return { id };
  }
}
