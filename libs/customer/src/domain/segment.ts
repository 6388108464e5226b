import { DomainError } from '@crm/kernel';

/** Customer attributes a segment may test; `region` is the province. */
const SEGMENT_ATTRIBUTES = ['province', 'city', 'industry', 'grade', 'size', 'type', 'kind'] as const;
type SegmentAttribute = (typeof SEGMENT_ATTRIBUTES)[number];

/**
 * One condition of a segment [客群]: on a tag (has it, lacks it, applied at least n times), on a
 * tag category's weight (sum of weight × count at least n), or on an attribute (equals, one of).
 */
export type SegmentCondition =
  | { tagId: string; op: 'has' | 'lacks' }
  | { tagId: string; op: 'count-gte'; value: number }
  | { category: string; op: 'weight-gte'; value: number }
  | { attribute: SegmentAttribute; op: 'eq'; value: string }
  | { attribute: SegmentAttribute; op: 'in'; value: string[] };

const MAX_SEGMENT_CONDITIONS = 20;

/** Checks a condition list from the outside world; all conditions must hold (AND). */
export function parseSegmentConditions(input: unknown): SegmentCondition[] {
  const invalid = (detail: string) => new DomainError('SEGMENT.INVALID_CONDITION', 'invalid', detail);
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_SEGMENT_CONDITIONS) {
    throw invalid(`A segment needs 1 to ${MAX_SEGMENT_CONDITIONS} conditions.`);
  }
  return input.map((raw, index): SegmentCondition => {
    const condition = raw as Record<string, unknown>;
    const at = `Condition ${index + 1}`;
    const count = (value: unknown) => {
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 2_147_483_647) {
        throw invalid(`${at}: value must be a whole number from 0 to 2147483647.`);
      }
      return value as number;
    };
    if (typeof condition.tagId === 'string') {
      if (!/^[0-9a-f-]{36}$/i.test(condition.tagId)) throw invalid(`${at}: tagId must be a UUID.`);
      if (condition.op === 'has' || condition.op === 'lacks') return { tagId: condition.tagId, op: condition.op };
      if (condition.op === 'count-gte') return { tagId: condition.tagId, op: 'count-gte', value: count(condition.value) };
      throw invalid(`${at}: a tag condition's op is has, lacks or count-gte.`);
    }
    if (typeof condition.category === 'string') {
      if (condition.op !== 'weight-gte') throw invalid(`${at}: a category condition's op is weight-gte.`);
      return { category: condition.category, op: 'weight-gte', value: count(condition.value) };
    }
    if (typeof condition.attribute === 'string') {
      const attribute = condition.attribute === 'region' ? 'province' : condition.attribute;
      if (!(SEGMENT_ATTRIBUTES as readonly string[]).includes(attribute)) throw invalid(`${at}: unknown attribute ${condition.attribute}.`);
      if (condition.op === 'eq' && typeof condition.value === 'string') return { attribute: attribute as SegmentAttribute, op: 'eq', value: condition.value };
      if (condition.op === 'in' && Array.isArray(condition.value) && condition.value.length > 0 && condition.value.every((v) => typeof v === 'string')) {
        return { attribute: attribute as SegmentAttribute, op: 'in', value: condition.value as string[] };
      }
      throw invalid(`${at}: an attribute condition is eq with a string or in with a list of strings.`);
    }
    throw invalid(`${at}: name a tagId, a category or an attribute.`);
  });
}
