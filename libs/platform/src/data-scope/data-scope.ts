import type { SqlParams } from '../database/sql-params.js';

/** Whose records a role sees: its own, its team's, its department's, or everyone's. */
export const DATA_SCOPES = ['own', 'team', 'department', 'all'] as const;
export type DataScopeKind = (typeof DATA_SCOPES)[number];

/** What the data scope needs to know about the caller (an `Actor` has it). */
export interface ScopedCaller {
  id: string;
  dataScope: DataScopeKind;
  /** For team/department scope: the users in the caller's team/department (the caller included). */
  visibleOwnerIds: string[] | null;
}

/** Where a table keeps who holds a row, for `sql()`. */
export interface ScopedColumns {
  /** The owner column (`uuid`, may be NULL), e.g. `c.owner_id`. */
  owner: string;
  /** A `uuid[]` column of co-holders who share the record, e.g. `c.co_holder_ids`. */
  holders?: string;
  /** Rows without an owner are visible to every reader (customers in the public pool [公海]). */
  unownedVisible?: boolean;
}

/** Who holds one loaded record, for `allows()`. */
export interface ScopedRecord {
  ownerId: string | null;
  /** Co-holders (the owner may be repeated here; it does not matter). */
  holderIds?: readonly string[];
}

/**
 * The data scope [数据权限] of one caller: the one rule for "may this caller see / work this
 * record", as a SQL predicate for queries and as an in-memory check for loaded records. A record
 * is in scope when its owner or one of its holders is a user within the caller's scope (own: the
 * caller; team / department: its members; all: everything); an unowned record only for scope
 * `all`, unless the record kind makes unowned records visible to every reader.
 *
 * ```ts
 * const scope = DataScope.of(actor);
 * where.push(scope.sql({ owner: 'c.owner_id', holders: 'c.co_holder_ids', unownedVisible: true }, params));
 * if (!scope.allows({ ownerId: customer.ownerId, holderIds: customer.coHolderIds })) throw notFound();
 * ```
 */
export class DataScope {
  private constructor(
    readonly kind: DataScopeKind,
    /** The users whose records are in scope; null for scope `all` (everyone's). */
    readonly userIds: readonly string[] | null,
  ) {}

  static of(caller: ScopedCaller): DataScope {
    switch (caller.dataScope) {
      case 'all':
        return new DataScope('all', null);
      case 'own':
        return new DataScope('own', [caller.id]);
      default:
        return new DataScope(caller.dataScope, caller.visibleOwnerIds ?? [caller.id]);
    }
  }

  /** In-memory check for a loaded record; `unownedVisible` as in `sql()`. */
  allows(record: ScopedRecord, options: { unownedVisible?: boolean } = {}): boolean {
    if (this.userIds === null) return true;
    if (record.ownerId === null && options.unownedVisible) return true;
    const users = this.userIds;
    return (record.ownerId !== null && users.includes(record.ownerId)) || (record.holderIds ?? []).some((id) => users.includes(id));
  }

  /** SQL predicate with the same meaning as `allows()`; values go into `params`. */
  sql(columns: ScopedColumns, params: SqlParams): string {
    if (this.userIds === null) return 'TRUE';
    const { owner, holders, unownedVisible } = columns;
    const ids = params.add(this.userIds);
    const anyOf = [`${owner} = ANY(${ids}::uuid[])`];
    if (unownedVisible) anyOf.push(`${owner} IS NULL`);
    if (holders) anyOf.push(`${holders} && ${ids}::uuid[]`);
    return anyOf.length === 1 ? anyOf[0]! : `(${anyOf.join(' OR ')})`;
  }

  /**
   * The same predicate as disjoint branches (held within scope; unowned; co-held within scope
   * but owned outside it), so a list can run each branch on its own index and merge them with
   * UNION ALL instead of filtering one scan. No row matches two branches.
   */
  branches(columns: ScopedColumns, params: SqlParams): string[] {
    if (this.userIds === null) return ['TRUE'];
    const { owner, holders, unownedVisible } = columns;
    const ids = params.add(this.userIds);
    const ownedInScope = this.userIds.length === 1 ? `${owner} = (${ids}::uuid[])[1]` : `${owner} = ANY(${ids}::uuid[])`;
    const result = [ownedInScope];
    if (unownedVisible) result.push(`${owner} IS NULL`);
    if (holders) {
      // `cardinality(…) > 0` lets the planner use a partial index on non-empty holder arrays.
      const ownedElsewhere = unownedVisible ? `${owner} IS NOT NULL AND NOT (${ownedInScope})` : `(${owner} IS NULL OR NOT (${ownedInScope}))`;
      result.push(`${holders} && ${ids}::uuid[] AND cardinality(${holders}) > 0 AND ${ownedElsewhere}`);
    }
    return result;
  }
}
