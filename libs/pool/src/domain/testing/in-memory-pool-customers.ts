import type { Claimant } from '../claim-policies.js';
import { PoolCustomer, type PoolCustomerState } from '../pool-customer.aggregate.js';
import { PoolCustomers } from '../pool-customers.port.js';

/** PoolCustomers kept in memory, for handler specs: what was saved, and the events each save carried. */
export class InMemoryPoolCustomers extends PoolCustomers {
  private readonly states = new Map<string, PoolCustomerState>();
  readonly savedEvents: { type: string; payload: object }[] = [];

  constructor(private readonly claimants: Record<string, Partial<Claimant>> = {}) {
    super();
  }

  /** Puts a customer in place as if it had been saved before. */
  seed(customer: PoolCustomer): void {
    customer.pullEvents();
    this.states.set(customer.customerId, structuredClone(customer.snapshot()) as PoolCustomerState);
  }

  lock(customerId: string): Promise<PoolCustomer | undefined> {
    const state = this.states.get(customerId);
    return Promise.resolve(state && PoolCustomer.rehydrate({ ...structuredClone(state), clockRestartedAt: null, isNew: false }));
  }

  lockByApplication(applicationId: string): Promise<PoolCustomer | undefined> {
    const state = [...this.states.values()].find((candidate) => candidate.applications.some((application) => application.id === applicationId));
    return state ? this.lock(state.customerId) : Promise.resolve(undefined);
  }

  claimant(user: { id: string; roles: readonly string[] }): Promise<Claimant> {
    return Promise.resolve({ id: user.id, roles: user.roles, lastReleasedAt: null, heldOrPending: 0, claimsToday: 0, ...this.claimants[user.id] });
  }

  add(customer: PoolCustomer): Promise<boolean> {
    if (this.states.has(customer.customerId)) return Promise.resolve(false);
    return this.save(customer).then(() => true);
  }

  save(customer: PoolCustomer): Promise<void> {
    const state = structuredClone(customer.snapshot()) as PoolCustomerState;
    state.protections = state.protections.filter((protection) => !protection.ended);
    state.applications = state.applications.filter((application) => application.status === 'pending');
    this.states.set(customer.customerId, state);
    this.savedEvents.push(...customer.pullEvents().map(({ type, payload }) => ({ type, payload })));
    return Promise.resolve();
  }
}
