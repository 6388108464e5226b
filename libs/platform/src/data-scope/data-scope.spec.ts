import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres.js';
import { SqlParams } from '../database/sql-params.js';
import { DATA_SCOPES, DataScope, type DataScopeKind, type ScopedCaller, type ScopedColumns } from './data-scope.js';

/**
 * One table of records, seen by a caller of each scope, under each kind of record: every case is
 * checked in memory (`allows`) and in SQL on a real PostgreSQL (`sql` and `branches`), so the
 * two can never drift apart. The SQL half runs on DATABASE_URL's server, else on the embedded one.
 */

// The organisation: me and a teammate in team 1, a colleague in team 2 of the same department,
// two people in another department.
const me = '00000000-0000-7000-8000-000000000001';
const teammate = '00000000-0000-7000-8000-000000000002';
const colleague = '00000000-0000-7000-8000-000000000003';
const outsider = '00000000-0000-7000-8000-000000000004';
const outsider2 = '00000000-0000-7000-8000-000000000005';

const CALLERS: Record<DataScopeKind, ScopedCaller> = {
  own: { id: me, dataScope: 'own', visibleOwnerIds: null },
  team: { id: me, dataScope: 'team', visibleOwnerIds: [me, teammate] },
  department: { id: me, dataScope: 'department', visibleOwnerIds: [me, teammate, colleague] },
  all: { id: me, dataScope: 'all', visibleOwnerIds: null },
};

/** Kinds of record: owner only (contacts); owner and co-holders; and those with unowned rows visible to all (customers). */
const KINDS = {
  owned: { owner: 'r.owner_id' },
  held: { owner: 'r.owner_id', holders: 'r.co_holder_ids' },
  pooled: { owner: 'r.owner_id', holders: 'r.co_holder_ids', unownedVisible: true },
} satisfies Record<string, ScopedColumns>;
type Kind = keyof typeof KINDS;

interface Case {
  relation: string;
  ownerId: string | null;
  holderIds: string[];
  /** For each kind of record: the narrowest scope that sees it (scopes are nested: own ⊂ team ⊂ department ⊂ all). */
  seenFrom: Record<Kind, DataScopeKind>;
}

const row = (relation: string, ownerId: string | null, holderIds: string[], owned: DataScopeKind, held: DataScopeKind, pooled: DataScopeKind): Case => ({
  relation,
  ownerId,
  holderIds,
  seenFrom: { owned, held, pooled },
});

// prettier-ignore
const CASES: Case[] = [
  //   relation of the record to me               owner      co-holders               owned         held          pooled
  row('mine',                                     me,        [],                      'own',        'own',        'own'),
  row('a teammate\'s',                            teammate,  [],                      'team',       'team',       'team'),
  row('same department, other team',              colleague, [],                      'department', 'department', 'department'),
  row('other department',                         outsider,  [],                      'all',        'all',        'all'),
  row('unowned',                                  null,      [],                      'all',        'all',        'own'),
  row('other department\'s, co-held by me',       outsider,  [me],                    'all',        'own',        'own'),
  row('other department\'s, co-held by a teammate', outsider, [teammate],             'all',        'team',       'team'),
  row('other department\'s, co-held by a colleague', outsider, [colleague],           'all',        'department', 'department'),
  row('other department\'s, co-held there too',   outsider,  [outsider2],             'all',        'all',        'all'),
  row('mine, co-held by an outsider',             me,        [outsider],              'own',        'own',        'own'),
  row('a teammate\'s, co-held by me',             teammate,  [me],                    'team',       'own',        'own'),
  row('unowned, co-held by a teammate',           null,      [teammate],              'all',        'team',       'own'),
  row('unowned, co-held by an outsider',          null,      [outsider],              'all',        'all',        'own'),
  row('a teammate\'s, owner among the holders',   teammate,  [teammate, outsider2],   'team',       'team',       'team'),
];

const BREADTH: Record<DataScopeKind, number> = { own: 0, team: 1, department: 2, all: 3 };

function expectedFor(scope: DataScopeKind, kind: Kind): string[] {
  return CASES.filter((c) => BREADTH[scope] >= BREADTH[c.seenFrom[kind]]).map((c) => c.relation);
}

const MATRIX = DATA_SCOPES.flatMap((scope) => (Object.keys(KINDS) as Kind[]).map((kind) => [scope, kind] as const));

describe('DataScope', () => {
  describe('in memory: allows()', () => {
    it.each(MATRIX)('scope %s, %s records', (scope, kind) => {
      const dataScope = DataScope.of(CALLERS[scope]);
      const seen = CASES.filter((c) =>
        dataScope.allows({ ownerId: c.ownerId, holderIds: kind === 'owned' ? undefined : c.holderIds }, { unownedVisible: kind === 'pooled' }),
      ).map((c) => c.relation);
      expect(seen).toEqual(expectedFor(scope, kind));
    });
  });

  describe('in SQL: sql() and branches(), on PostgreSQL', () => {
    let client: pg.Client;
    let embedded: EmbeddedPostgres | undefined;

    beforeAll(async () => {
      const url = process.env.DATABASE_URL || (embedded = await startEmbeddedPostgres('memory://')).url;
      client = new pg.Client({ connectionString: url });
      await client.connect();
    });
    afterAll(async () => {
      await client?.end();
      await embedded?.stop();
    });

    /** For each predicate, the relations of the records it matches (NULL counts as no), in table order. */
    async function matching(predicates: (params: SqlParams) => string[]): Promise<string[][]> {
      const params = new SqlParams();
      const values = CASES.map(
        (c, index) => `(${params.add(index)}::int, ${params.add(c.relation)}::text, ${params.add(c.ownerId)}::uuid, ${params.add(c.holderIds)}::uuid[])`,
      );
      const tests = predicates(params).map((predicate) => `coalesce(${predicate}, false)`);
      const result = await client.query<{ relation: string; hits: boolean[] }>(
        `SELECT r.relation, ARRAY[${tests.join(', ')}] AS hits
           FROM (VALUES ${values.join(', ')}) AS r(ordinal, relation, owner_id, co_holder_ids) ORDER BY r.ordinal`,
        params.values,
      );
      return tests.map((_, index) => result.rows.filter((r) => r.hits[index]).map((r) => r.relation));
    }

    it.each(MATRIX)('scope %s, %s records: sql()', async (scope, kind) => {
      const [seen] = await matching((params) => [DataScope.of(CALLERS[scope]).sql(KINDS[kind], params)]);
      expect(seen).toEqual(expectedFor(scope, kind));
    });

    it.each(MATRIX)('scope %s, %s records: branches() are disjoint and together the same', async (scope, kind) => {
      const perBranch = await matching((params) => DataScope.of(CALLERS[scope]).branches(KINDS[kind], params));
      const all = perBranch.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(CASES.map((c) => c.relation).filter((relation) => all.includes(relation))).toEqual(expectedFor(scope, kind));
    });
  });
});
