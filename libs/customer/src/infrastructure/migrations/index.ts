import { CustomerSchema1732500100000 } from './1732500100000-customer-schema.js';
import { CustomerHolders1732500200000 } from './1732500200000-customer-holders.js';
import { TagsGroupsSegments1732500700000 } from './1732500700000-tags-groups-segments.js';
import { CustomerOpportunities1732507600000 } from './1732507600000-customer-opportunities.js';

export const customerMigrations = [
  CustomerSchema1732500100000,
  CustomerHolders1732500200000,
  TagsGroupsSegments1732500700000,
  CustomerOpportunities1732507600000,
];
