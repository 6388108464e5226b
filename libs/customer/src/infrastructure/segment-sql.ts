import type { SqlParams } from '@crm/platform';
import type { SegmentCondition } from '../domain/segment.js';

/** Compiles segment conditions into SQL predicates on `customer.customers c`; values are always parameters. */
export function segmentPredicates(conditions: readonly SegmentCondition[], params: SqlParams): string[] {
  return conditions.map((condition) => {
    if ('tagId' in condition) {
      const tag = params.add(condition.tagId);
      const extra = condition.op === 'count-gte' ? ` AND ct.count >= ${params.add(condition.value)}` : '';
      const exists = `EXISTS (SELECT 1 FROM customer.customer_tags ct WHERE ct.customer_id = c.id AND ct.tag_id = ${tag}::uuid${extra})`;
      return condition.op === 'lacks' ? `NOT ${exists}` : exists;
    }
    if ('category' in condition) {
      return `(SELECT COALESCE(sum(t.weight * ct.count), 0) FROM customer.customer_tags ct JOIN customer.tags t ON t.id = ct.tag_id
                WHERE ct.customer_id = c.id AND t.category = ${params.add(condition.category)}) >= ${params.add(condition.value)}`;
    }
    // The attribute is one of a closed list (checked in the domain), so it is safe as a column name.
    const column = `c.${condition.attribute}`;
    return condition.op === 'eq' ? `${column} = ${params.add(condition.value)}` : `${column} = ANY(${params.add(condition.value)}::text[])`;
  });
}
