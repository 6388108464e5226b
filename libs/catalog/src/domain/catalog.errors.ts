import { DomainError, NotFoundError } from '@crm/kernel';

export const CatalogErrors = {
  lineNotFound: () => new NotFoundError('CATALOG.PRODUCT_LINE_NOT_FOUND', 'No such product line [条线].'),
  productNotFound: (ids: string[]) =>
    new DomainError('CATALOG.PRODUCT_NOT_FOUND', 'rule-violation', `Unknown products: ${ids.join(', ')}.`, { productIds: ids }),
  codeTaken: (code: string) => new DomainError('CATALOG.CODE_TAKEN', 'conflict', `Code ${code} is already used.`),
  headNotActive: () => new DomainError('CATALOG.HEAD_NOT_ACTIVE', 'rule-violation', 'Line heads must be active users.'),
};
