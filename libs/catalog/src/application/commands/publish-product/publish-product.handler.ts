import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { PublishProductCommand } from './publish-product.command.js';

@CommandHandler(PublishProductCommand)
export class PublishProductHandler implements ICommandHandler<PublishProductCommand> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ productId, published, expectedVersion }: PublishProductCommand): Promise<{ version: number }> {
    const current = await this.catalog.findProduct(productId);
    if (!current) throw CatalogErrors.unknownProduct();
    const saved = await this.catalog.setPublished(productId, published, expectedVersion);
    await assertSaved(saved !== undefined, 'product', expectedVersion, () => current.version);
    return { version: saved!.version };
  }
}
