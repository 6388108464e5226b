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
    const children = input.children ?? [];
    const childIds = children.map((child) => child.productId);
    if (new Set(childIds).size !== childIds.length) throw CatalogErrors.badChildren('a child product is named twice');
    if (childIds.length) {
      const found = await this.catalog.productsByIds(childIds);
      const missing = childIds.filter((id) => !found.some((product) => product.id === id));
      if (missing.length) throw CatalogErrors.productNotFound(missing);
      // One level only: a child that is itself a parent would add lines nobody chose.
      if (found.some((product) => product.children.length > 0)) throw CatalogErrors.badChildren('a child product cannot have children of its own');
    }
    const id = uuidv7();
    const product = {
      id,
      productLineId: input.productLineId,
      code: input.code,
      name: input.name,
      unit: input.unit ?? '件',
      published: input.published ?? false,
      warrantyMonths: input.warrantyMonths ?? 0,
      children,
    };
    if (!(await this.catalog.insertProduct(product))) throw CatalogErrors.codeTaken(input.code);
    this.uow.raise(CatalogEvents.productCreated.create(id, { productId: id, productLineId: input.productLineId, code: input.code, name: input.name }));
    return { id };
  }
}
