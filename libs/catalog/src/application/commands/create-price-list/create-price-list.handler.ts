import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { MAX_PRICE_LIST_DEPTH } from '../../../domain/price-resolution.js';
import { CatalogRepository } from '../../../infrastructure/catalog.repository.js';
import { CreatePriceListCommand } from './create-price-list.command.js';

@CommandHandler(CreatePriceListCommand)
export class CreatePriceListHandler implements ICommandHandler<CreatePriceListCommand> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ input }: CreatePriceListCommand): Promise<{ id: string }> {
    if (input.validTo !== null && input.validTo < input.validFrom) throw CatalogErrors.parentListInvalid('validTo is before validFrom');
    if (input.parentId) {
      const ancestors = await this.catalog.priceListWithAncestors(input.parentId);
      const parent = ancestors.find((list) => list.id === input.parentId);
      if (!parent) throw CatalogErrors.parentListInvalid('no such parent price list');
      if (parent.currency !== input.currency) throw CatalogErrors.parentListInvalid(`the parent list is in ${parent.currency}`);
      if (ancestors.length >= MAX_PRICE_LIST_DEPTH) throw CatalogErrors.parentListInvalid(`at most ${MAX_PRICE_LIST_DEPTH} lists in a chain`);
    }
    const id = uuidv7();
    await this.catalog.insertPriceList({ id, ...input });
    return { id };
  }
}
