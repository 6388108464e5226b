import { ContactEvents } from '../contracts/events.js';
import { AggregateRoot, diffFields, normalizeEmail, normalizePhone } from '@crm/kernel';
import { CONTACT_FIELDS, type ContactProfile } from './contact.types.js';

export interface ContactState extends ContactProfile {
  id: string;
  ownerId: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** Phones and e-mails as duplicate-prevention keys. */
export function identifiersOf(profile: Pick<ContactProfile, 'phones' | 'emails'>): { kind: 'phone' | 'email'; value: string }[] {
  const phones = [...new Set(profile.phones.map(normalizePhone).filter(Boolean))].map((value) => ({ kind: 'phone' as const, value }));
  const emails = [...new Set(profile.emails.map(normalizeEmail).filter(Boolean))].map((value) => ({ kind: 'email' as const, value }));
  return [...phones, ...emails];
}

/**
 * A contact [联系人]: a person, not a field of a customer (CONT-1). Phones and e-mails stay
 * editable (CONT-3); the person's notes and records stay with them when they change jobs (CONT-2).
 */
export class Contact extends AggregateRoot {
  private constructor(private state: ContactState) {
    super();
  }

  static create(input: { id: string; profile: ContactProfile; ownerId: string; createdBy: string; now: Date }): Contact {
    const contact = new Contact({
      ...Contact.clean(input.profile),
      id: input.id,
      ownerId: input.ownerId,
      createdBy: input.createdBy,
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
    const { id: _id, createdAt: _at, updatedAt: _up, version: _v, ...facts } = contact.state;
    contact.raise(ContactEvents.created.create(contact.state.id, { contactId: contact.state.id, ...facts }));
    return contact;
  }

  static rehydrate(state: ContactState): Contact {
    return new Contact({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  get version(): number {
    return this.state.version;
  }

  get ownerId(): string {
    return this.state.ownerId;
  }

  snapshot(): ContactState {
    return { ...this.state, phones: [...this.state.phones], emails: [...this.state.emails] };
  }

  update(edits: Partial<ContactProfile>, now: Date): Record<string, { from: unknown; to: unknown }> {
    const before = this.state;
    const merged = { ...before } as ContactState;
    for (const field of CONTACT_FIELDS) {
      if (edits[field] !== undefined) (merged as unknown as Record<string, unknown>)[field] = edits[field];
    }
    const after: ContactState = { ...merged, ...Contact.clean(merged) };
    const changes = diffFields(
      { ...before, phones: before.phones.join('\u0000'), emails: before.emails.join('\u0000') },
      { ...after, phones: after.phones.join('\u0000'), emails: after.emails.join('\u0000') },
      CONTACT_FIELDS,
    );
    for (const list of ['phones', 'emails'] as const) {
      if (changes[list]) changes[list] = { from: before[list], to: after[list] };
    }
    if (Object.keys(changes).length === 0) return changes;
    this.state = { ...after, updatedAt: now, version: before.version + 1 };
    this.raise(ContactEvents.updated.create(this.state.id, { contactId: this.state.id, changes }));
    return changes;
  }

  private static clean(profile: ContactProfile): ContactProfile {
    return {
      name: profile.name.trim(),
      phones: [...new Set(profile.phones.map((phone) => phone.trim()).filter(Boolean))],
      emails: [...new Set(profile.emails.map((email) => email.trim()).filter(Boolean))],
      wechatId: profile.wechatId?.trim() || null,
      title: profile.title?.trim() || null,
      notes: profile.notes ?? null,
    };
  }
}
