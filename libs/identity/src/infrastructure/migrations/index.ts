import { Roles1732501000000 } from './1732501000000-roles.js';
import { OrgHeads1732501100000 } from './1732501100000-org-heads.js';
import { LoginAttempts1732501200000 } from './1732501200000-login-attempts.js';
import { IdentityChangeNotices1732508500000 } from './1732508500000-identity-change-notices.js';

export const identityMigrations = [Roles1732501000000, OrgHeads1732501100000, LoginAttempts1732501200000, IdentityChangeNotices1732508500000];
