import { DomainError, NotFoundError } from '@crm/kernel';

export const CatalogErrors = {
  lineNotFound: () => new NotFoundError('CATALOG.PRODUCT_LINE_NOT_FOUND', 'No such product line [条线].'),
  productNotFound: (ids: string[]) =>
    new DomainError('CATALOG.PRODUCT_NOT_FOUND', 'rule-violation', `Unknown products: ${ids.join(', ')}.`, { productIds: ids }),
  codeTaken: (code: string) => new DomainError('CATALOG.CODE_TAKEN', 'conflict', `Code ${code} is already used.`),
  headNotActive: () => new DomainError('CATALOG.HEAD_NOT_ACTIVE', 'rule-violation', 'Line heads must be active users.'),
  unknownProduct: () => new NotFoundError('CATALOG.PRODUCT_NOT_FOUND', 'No such product.'),
  productNotPublished: (ids: string[]) =>
    new DomainError('CATALOG.PRODUCT_NOT_PUBLISHED', 'rule-violation', `Only published products can be sold: ${ids.join(', ')}.`, { productIds: ids }),
  badChildren: (reason: string) => new DomainError('CATALOG.INVALID_CHILDREN', 'rule-violation', reason),
  priceListNotFound: () => new NotFoundError('CATALOG.PRICE_LIST_NOT_FOUND', 'No such price list [价格表].'),
  parentListInvalid: (reason: string) => new DomainError('CATALOG.PARENT_PRICE_LIST_INVALID', 'rule-violation', reason),
  priceListNotValid: (date: string, validFrom: string, validTo: string | null) =>
    new DomainError('CATALOG.PRICE_LIST_NOT_VALID', 'rule-violation', `The price list is not valid on ${date}.`, { date, validFrom, validTo }),
  entryNotFound: () => new NotFoundError('CATALOG.PRICE_ENTRY_NOT_FOUND', 'No such price list entry.'),
};
