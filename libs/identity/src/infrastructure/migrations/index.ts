import { Roles1732501000000 } from './1732501000000-roles.js';

export const identityMigrations = [Roles1732501000000];
