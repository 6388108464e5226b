import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { DeactivatePriceEntryCommand } from './deactivate-price-entry.command.js';

@CommandHandler(DeactivatePriceEntryCommand)
export class DeactivatePriceEntryHandler implements ICommandHandler<DeactivatePriceEntryCommand> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ priceListId, entryId }: DeactivatePriceEntryCommand): Promise<void> {
    if (!(await this.catalog.deactivateEntry(priceListId, entryId))) throw CatalogErrors.entryNotFound();
  }
}
