import { OpportunitySchema1732502000000 } from './1732502000000-opportunity-schema.js';

export const opportunityMigrations = [OpportunitySchema1732502000000];
