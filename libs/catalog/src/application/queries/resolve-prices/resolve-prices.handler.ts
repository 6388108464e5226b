import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import Big from 'big.js';
import { CatalogErrors } from '../../../domain/catalog.errors.js';
import { findPrice, isWithin, priceListChain } from '../../../domain/price-resolution.js';
import { CatalogRepository, type ProductRecord } from '../../../infrastructure/catalog.repository.js';
import { ResolvePricesQuery, type PricedLine, type ResolvedPrices } from './resolve-prices.query.js';

@QueryHandler(ResolvePricesQuery)
export class ResolvePricesHandler implements IQueryHandler<ResolvePricesQuery> {
  constructor(private readonly catalog: CatalogRepository) {}

  async execute({ priceListId, date, lines }: ResolvePricesQuery): Promise<ResolvedPrices> {
    const lists = await this.catalog.priceListWithAncestors(priceListId);
    const chain = priceListChain(priceListId, new Map(lists.map((list) => [list.id, list])));
    const asked = chain[0];
    if (!asked) throw CatalogErrors.priceListNotFound();
    if (!isWithin(date, asked.validFrom, asked.validTo)) throw CatalogErrors.priceListNotValid(date, asked.validFrom, asked.validTo);

    const productIds = [...new Set(lines.map((line) => line.productId))];
    const parents = await this.catalog.productsByIds(productIds);
    const missing = productIds.filter((id) => !parents.some((product) => product.id === id));
    if (missing.length) throw CatalogErrors.productNotFound(missing);
    const childIds = [...new Set(parents.flatMap((product) => product.children.map((child) => child.productId)))];
    const products = new Map<string, ProductRecord>([...parents, ...(childIds.length ? await this.catalog.productsByIds(childIds) : [])].map((p) => [p.id, p]));
    const unpublished = [...products.values()].filter((product) => !product.published).map((product) => product.id);
    if (unpublished.length) throw CatalogErrors.productNotPublished(unpublished.sort());

    const entries = await this.catalog.activeEntries(
      chain.map((list) => list.id),
      [...products.keys()],
    );
    const price = (productId: string) => {
      const found = findPrice(chain, entries, productId, date);
      return found
        ? {
            unitPrice: new Big(found.unitPrice).toFixed(2),
            source: {
              kind: 'entry' as const,
              priceListId: found.priceListId,
              priceListName: found.priceListName,
              entryId: found.entryId,
              fellBackFrom: found.fellBackFrom,
            },
          }
        : { unitPrice: null, source: null };
    };
    const describe = (product: ProductRecord) => ({
      productId: product.id,
      productLineId: product.productLineId,
      code: product.code,
      name: product.name,
      unit: product.unit,
      warrantyMonths: product.warrantyMonths,
    });

    const result: PricedLine[] = [];
    for (const [requestIndex, line] of lines.entries()) {
      const product = products.get(line.productId)!;
      const parentIndex = result.length;
      result.push({ ...describe(product), kind: 'product', parentIndex: null, requestIndex, quantity: line.quantity, ...price(product.id) });
      for (const link of product.children) {
        const child = products.get(link.productId)!;
        const quantity = new Big(line.quantity).times(link.quantity).toString();
        const priced =
          link.kind === 'gift'
            ? {
                unitPrice: '0.00',
                source: { kind: 'gift' as const, priceListId: asked.id, priceListName: asked.name, entryId: null, fellBackFrom: null },
              }
            : price(child.id);
        result.push({ ...describe(child), kind: link.kind, parentIndex, requestIndex: null, quantity, ...priced });
      }
    }
    return { priceList: { id: asked.id, name: asked.name, currency: asked.currency }, lines: result };
  }
}
