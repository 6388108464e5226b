import type { ClaimLimits, Claimant } from './claim-policies.js';
import type { PoolCustomer } from './pool-customer.aggregate.js';

/** Where PoolCustomer aggregates live; a SQL implementation in infrastructure, fakes in unit specs. */
export abstract class PoolCustomers {
  /** Loads a customer's place in its pool, locking it: every change to one customer is serialised here. */
  abstract lock(customerId: string): Promise<PoolCustomer | undefined>;
  /** The same, found by one of its applications (any status). */
  abstract lockByApplication(applicationId: string): Promise<PoolCustomer | undefined>;
  /**
   * The claimant's standing in the pool (limits, cool-down), read after their own claim lock. Holdings and today's
   * claims are counted only as far as the pool's limits (`limits`: null where there is none, and then not counted),
   * so a claim costs the same whatever its claimant already holds.
   */
  abstract claimant(user: { id: string; roles: readonly string[] }, customerId: string, poolId: string, now: Date, limits: ClaimLimits): Promise<Claimant>;
  /** Stores a newly placed customer; false when it was already placed (a redelivered event). */
  abstract add(customer: PoolCustomer): Promise<boolean>;
  /** Writes what changed and hands its events to the unit of work. */
  abstract save(customer: PoolCustomer): Promise<void>;
}
