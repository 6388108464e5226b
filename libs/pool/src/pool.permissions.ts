import { definePermissions } from '@crm/platform';

/** The Pool context's function permissions [功能权限]; pool rules (grade rights, limits) refine them per role. */
export const POOL_PERMISSIONS = definePermissions('pool', {
  'pool:claim': 'See the public pool and claim customers from it, or apply to [公海申领].',
  'pool:manage': "Release and transfer customers held in your scope; manage your department's pools [公海管理].",
});
