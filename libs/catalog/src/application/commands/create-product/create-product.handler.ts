import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { CatalogEvents } from '../../../contracts/events.js';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { CreateProductCommand } from './create-product.command.js';

@CommandHandler(CreateProductCommand)
export class CreateProductHandler implements ICommandHandler<CreateProductCommand> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ input }: CreateProductCommand): Promise<{ id: string }> {
    if (!(await this.catalog.findLine(input.productLineId))) throw CatalogErrors.lineNotFound();
    const id = uuidv7();
    if (!(await this.catalog.insertProduct({ id, ...input }))) throw CatalogErrors.codeTaken(input.code);
    this.uow.raise(CatalogEvents.productCreated.create(id, { productId: id, ...input }));
    return { id };
  }
}
