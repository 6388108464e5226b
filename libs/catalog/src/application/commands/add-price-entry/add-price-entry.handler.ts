import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { AddPriceEntryCommand } from './add-price-entry.command.js';

@CommandHandler(AddPriceEntryCommand)
export class AddPriceEntryHandler implements ICommandHandler<AddPriceEntryCommand> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ priceListId, input }: AddPriceEntryCommand): Promise<{ id: string }> {
    if (!(await this.catalog.findPriceList(priceListId))) throw CatalogErrors.priceListNotFound();
    if (!(await this.catalog.findProduct(input.productId))) throw CatalogErrors.productNotFound([input.productId]);
    if (input.validFrom !== null && input.validTo !== null && input.validTo < input.validFrom) {
      throw CatalogErrors.parentListInvalid('validTo is before validFrom');
    }
    const id = uuidv7();
    await this.catalog.insertEntry({ id, priceListId, ...input });
    return { id };
  }
}
