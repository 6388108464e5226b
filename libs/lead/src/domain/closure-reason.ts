import { DomainError } from '@crm/kernel';
import type { ClosureReasonV1 } from '../contracts/events.js';

/**
 * Closure reasons [关闭原因]: a managed list marketing keeps. A lead stores the reason's stable
 * `key`; the label can be renamed and a reason deactivated (no new closures with it) without
 * touching the leads closed with it.
 */
export interface ClosureReason {
  key: string;
  label: string;
  /** Closing with it needs a note saying why (the seeded `other` does). */
  noteRequired: boolean;
  active: boolean;
  sortOrder: number;
}

/** Keys are lower-case letters, digits and dashes, starting with a letter or digit, at most 40. */
export const CLOSURE_REASON_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The reasons of the original fixed list: `lead.closed.v1` names one of them. */
const V1_REASONS: readonly string[] = ['invalid', 'duplicate', 'no-need', 'unreachable', 'other'] satisfies ClosureReasonV1[];

/** What `lead.closed.v1` / `lead.reopened.v1` say for a key: itself for the original five, `other` for reasons added since. */
export function closureReasonV1(key: string): ClosureReasonV1 {
  return (V1_REASONS.includes(key) ? key : 'other') as ClosureReasonV1;
}

export const ClosureReasonErrors = {
  notFound: (key: string) => new DomainError('LEAD.CLOSURE_REASON_NOT_FOUND', 'not-found', `No closure reason [关闭原因] with key ${key}.`, { reasonKey: key }),
  exists: (key: string) => new DomainError('LEAD.CLOSURE_REASON_EXISTS', 'conflict', `A closure reason with key ${key} exists.`, { reasonKey: key }),
  labelTaken: (label: string) =>
    new DomainError('LEAD.CLOSURE_REASON_LABEL_TAKEN', 'conflict', `Another closure reason is labelled ${label}.`, { reasonLabel: label }),
  /** Closing with a key that is not in the list, or no longer active. */
  unavailable: (key: string) =>
    new DomainError('LEAD.CLOSURE_REASON_UNAVAILABLE', 'rule-violation', `${key} is not an active closure reason [关闭原因].`, { reasonKey: key }),
};
