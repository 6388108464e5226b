import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * The customers among these ids and exact names that the caller works (held, wholly or partly,
 * within their data scope), in one statement: a bulk form of `CheckCustomerWorkableQuery` for
 * imports. Customers the caller does not work are simply absent, so nothing about them leaks.
 */
export class FindWorkableCustomersQuery extends Query<{ id: string; name: string }[]> {
  constructor(
    readonly actor: Actor,
    readonly selection: { ids: readonly string[]; names: readonly string[] },
  ) {
    super();
  }
}
