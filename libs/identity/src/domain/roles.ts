/**
 * Roles are data (`identity.roles`, managed at /api/v1/roles): each grants function permissions
 * [功能权限] and a data scope [数据权限]. A user may hold several roles: they get the union of
 * the permissions and the widest scope. The seven default roles (admin, sales-manager, sales-rep,
 * marketing, finance, service-agent, line-head) are seeded by a migration and may be edited.
 */
export type RoleKey = string;

/** Role keys: lower-case letters, digits and dashes, starting with a letter (`regional-manager`). */
export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;
