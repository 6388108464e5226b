import type { DomainError } from '@crm/kernel';
import { checkMaxDepth, DEFAULT_MAX_DEPTH, placeUnder, withinAny } from './lead-pool.js';

const codeOf = (work: () => unknown) => {
  try {
    work();
    return 'ok';
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('lead pool tree', () => {
  it('places a top-level pool at depth 1 and each sub-pool one level below its parent, with its path', () => {
    const root = { id: 'master', ...placeUnder('master', null, DEFAULT_MAX_DEPTH) };
    expect(root).toEqual({ id: 'master', depth: 1, path: ['master'] });
    const team = { id: 'team', ...placeUnder('team', root, DEFAULT_MAX_DEPTH) };
    expect(team).toEqual({ id: 'team', depth: 2, path: ['master', 'team'] });
    expect(placeUnder('group', team, DEFAULT_MAX_DEPTH)).toEqual({ depth: 3, path: ['master', 'team', 'group'] });
  });

  it('refuses a level deeper than the tree allows: 3 by default, more or fewer when its top-level pool says so', () => {
    const third = { id: 'c', path: ['a', 'b', 'c'] };
    expect(codeOf(() => placeUnder('d', third, DEFAULT_MAX_DEPTH))).toBe('LEAD_POOL.TOO_DEEP');
    expect(placeUnder('d', third, 4)).toEqual({ depth: 4, path: ['a', 'b', 'c', 'd'] });
    expect(codeOf(() => placeUnder('b', { id: 'a', path: ['a'] }, 1))).toBe('LEAD_POOL.TOO_DEEP');
  });

  it('never lowers the maximum depth below the levels a tree already has', () => {
    expect(checkMaxDepth(2, 2)).toBe(2);
    expect(codeOf(() => checkMaxDepth(2, 3))).toBe('LEAD_POOL.DEPTH_BELOW_TREE');
  });

  it('reaches a pool through any pool on its path: membership of a pool covers its subtree, never a sibling', () => {
    expect(withinAny(['master', 'east'], ['master'])).toBe(true);
    expect(withinAny(['master', 'east', 'east-1'], ['east'])).toBe(true);
    expect(withinAny(['master', 'west'], ['east'])).toBe(false);
    expect(withinAny(['master'], ['east'])).toBe(false);
  });
});
