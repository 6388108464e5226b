import { LeadSchema1732503000000 } from './1732503000000-lead-schema.js';

export const leadMigrations = [LeadSchema1732503000000];
