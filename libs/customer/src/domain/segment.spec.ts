import { DomainError } from '@crm/kernel';
import { parseSegmentConditions } from './segment.js';

const tagId = '01900000-0000-7000-8000-000000000001';

describe('segment conditions', () => {
  it('accepts tag, category-weight and attribute conditions; region means province', () => {
    expect(
      parseSegmentConditions([
        { tagId, op: 'has' },
        { tagId, op: 'count-gte', value: 2 },
        { category: 'intent', op: 'weight-gte', value: 10 },
        { attribute: 'region', op: 'in', value: ['浙江', '江苏'] },
      ]),
    ).toEqual([
      { tagId, op: 'has' },
      { tagId, op: 'count-gte', value: 2 },
      { category: 'intent', op: 'weight-gte', value: 10 },
      { attribute: 'province', op: 'in', value: ['浙江', '江苏'] },
    ]);
  });

  it.each([
    [[]],
    [[{ tagId: 'x', op: 'has' }]],
    [[{ tagId, op: 'count-gte', value: -1 }]],
    [[{ attribute: 'owner_id', op: 'eq', value: 'x' }]],
    [[{ attribute: 'city', op: 'in', value: [] }]],
    [[{ something: 'else' }]],
  ])('refuses %j with SEGMENT.INVALID_CONDITION', (conditions) => {
    expect(() => parseSegmentConditions(conditions)).toThrow(DomainError);
  });
});
