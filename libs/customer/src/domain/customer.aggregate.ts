import { AggregateRoot, diffFields, normalizeCompanyName, type FieldChanges } from '@crm/kernel';
import { deriveGrade, type GradePolicy } from './customer-grade.js';
import { isValidCreditCode, normalizeCreditCode, normalizePhone } from './customer-identity.js';
import { CustomerErrors } from './customer.errors.js';
import { customerCreated, customerFollowedUp, customerUpdated } from './customer.events.js';
import { PROFILE_FIELDS, type CustomerKind, type CustomerProfile } from './customer.types.js';
import type { CustomerState } from './customer.state.js';
import type { FollowUp } from './follow-up.js';

export type { CustomerState } from './customer.state.js';

/** How far in the future a follow-up time may be, to absorb client clock skew. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * A customer [客户]: an enterprise or a person the company sells to. Guards its own profile rules
 * (credit code, type, parent) and derives its grade and duplicate keys.
 */
export class Customer extends AggregateRoot {
  private constructor(private state: CustomerState) {
    super();
  }

  /**
   * A new customer starts in the pool with no holder: who holds it is the Pool context's decision
   * (grade rules apply to new customers too, POOL-3), made on `customer.created` in the same
   * transaction; this aggregate keeps a read copy of the holders for data scope.
   */
  static create(
    input: { id: string; kind: CustomerKind; profile: CustomerProfile; requestedOwnerId: string | null; createdBy: string; now: Date },
    grades: GradePolicy,
  ): Customer {
    const profile = Customer.checkedProfile(input.kind, input.id, input.profile);
    const customer = new Customer({
      ...profile,
      id: input.id,
      kind: input.kind,
      ...Customer.keysOf(profile),
      ownerId: null,
      coHolderIds: [],
      status: 'in-pool',
      grade: deriveGrade(profile.type, profile.size, grades),
      lastFollowUpAt: null,
      createdBy: input.createdBy,
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
    customer.raise(customerCreated(customer.state, input.requestedOwnerId));
    return customer;
  }

  static rehydrate(state: CustomerState): Customer {
    return new Customer({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  get ownerId(): string | null {
    return this.state.ownerId;
  }

  /** Everyone holding the customer or part of it. */
  get holderIds(): string[] {
    return this.state.ownerId ? [this.state.ownerId, ...this.state.coHolderIds] : [...this.state.coHolderIds];
  }

  snapshot(): Readonly<CustomerState> {
    return { ...this.state };
  }

  /** Applies profile edits; returns what changed (nothing changed: no event, no new version). */
  updateProfile(edits: Partial<CustomerProfile>, grades: GradePolicy, now: Date): FieldChanges {
    const before = this.state;
    const merged: CustomerProfile = { ...before };
    for (const field of PROFILE_FIELDS) {
      if (edits[field] !== undefined) (merged as unknown as Record<string, unknown>)[field] = edits[field];
    }
    const profile = Customer.checkedProfile(before.kind, before.id, merged);
    const after: CustomerState = {
      ...before,
      ...profile,
      ...Customer.keysOf(profile),
      grade: deriveGrade(profile.type, profile.size, grades),
    };
    const changes = diffFields(before, after, [...PROFILE_FIELDS, 'grade']);
    if (Object.keys(changes).length === 0) return changes;
    this.state = { ...after, updatedAt: now, version: before.version + 1 };
    this.raise(customerUpdated(before.id, changes));
    return changes;
  }

  /** A follow-up moves `lastFollowUpAt` forward (never back: late entries of old calls don't). */
  recordFollowUp(followUp: FollowUp, now: Date): void {
    if (followUp.occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw CustomerErrors.followUpInFuture();
    const last = this.state.lastFollowUpAt;
    if (!last || followUp.occurredAt > last) this.state = { ...this.state, lastFollowUpAt: followUp.occurredAt };
    this.raise(customerFollowedUp(followUp));
  }

  private static checkedProfile(kind: CustomerKind, id: string, profile: CustomerProfile): CustomerProfile {
    const checked: CustomerProfile = {
      ...profile,
      name: profile.name.trim(),
      creditCode: profile.creditCode ? normalizeCreditCode(profile.creditCode) : null,
      country: profile.country.toUpperCase(),
    };
    if ((kind === 'individual') !== (checked.type === 'individual')) throw CustomerErrors.individualType();
    if (kind === 'individual' && checked.creditCode) throw CustomerErrors.creditCodeForIndividual();
    if (kind === 'individual' && checked.parentId) throw CustomerErrors.parentForIndividual();
    if (checked.creditCode && !isValidCreditCode(checked.creditCode)) throw CustomerErrors.invalidCreditCode(checked.creditCode);
    if (checked.parentId === id) throw CustomerErrors.parentIsSelf();
    return checked;
  }

  private static keysOf(profile: CustomerProfile): Pick<CustomerState, 'normalizedName' | 'normalizedPhone'> {
    return {
      normalizedName: normalizeCompanyName(profile.name),
      normalizedPhone: profile.phone ? normalizePhone(profile.phone) || null : null,
    };
  }
}
