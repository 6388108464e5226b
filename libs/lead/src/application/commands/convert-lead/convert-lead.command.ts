import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface ConvertLeadInput {
  /** Link to this existing customer (one the caller works) instead of creating one. */
  customerId?: string;
  /** The new customer's name; the lead's company name (or, for a person, their name) by default. */
  customerName?: string;
  /** The contact's role at the customer [联系人角色]. */
  contactRole?: 'decision-maker' | 'influencer' | 'user' | 'finance' | 'other';
  /** Open an opportunity [商机] too. */
  opportunity?: { name: string; amount: string | null; expectedCloseDate: string | null; pipelineId?: string };
}

export interface ConversionResult {
  /** `converted`, or `pending-approval`: the new customer waits in the pool for an approver, reserved for the converter. */
  status: 'converted' | 'pending-approval';
  leadId: string;
  customerId: string;
  customerCreated: boolean;
  /** Null while the conversion waits for approval (the contact and opportunity follow it). */
  contactId: string | null;
  contactCreated: boolean;
  opportunityId: string | null;
  poolId: string;
  /** The claim application the conversion waits for, while it does. */
  approval: { applicationId: string; approvalRequestId: string; reservedUntil: string } | null;
}

/**
 * Converts a lead [线索转化] (LEAD-7) into a customer (created, or an existing one linked), a
 * contact (created, or the existing person linked) and optionally an opportunity whose source is
 * the lead, through those contexts' own commands, all in one unit of work. A new customer whose
 * grade the converter may not hold enters the pool with a claim application for them; the rest
 * of the conversion follows the approval (FinishLeadConversionCommand).
 */
export class ConvertLeadCommand extends Command<ConversionResult> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
    readonly input: ConvertLeadInput,
  ) {
    super();
  }
}
