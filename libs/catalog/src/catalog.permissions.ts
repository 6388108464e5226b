import { definePermissions } from '@crm/platform';

/** The Catalog context's function permissions [功能权限]; reading the catalogue needs none. */
export const CATALOG_PERMISSIONS = definePermissions('catalog', {
  'catalog:manage': 'Create product lines and products, and name line heads [产品与条线管理].',
});
