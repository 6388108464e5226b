import { Injectable } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { Contact, identifiersOf, type ContactState } from '../domain/contact.aggregate.js';
import type { ContactRole, RecordKind } from '../domain/contact.types.js';

export interface LinkRecord {
  id: string;
  contactId: string;
  customerId: string;
  role: ContactRole;
  title: string | null;
  isPrimary: boolean;
  startedOn: string;
  endedOn: string | null;
}

export interface RecordRecord {
  id: string;
  contactId: string;
  customerId: string | null;
  authorId: string;
  kind: RecordKind;
  content: string;
  occurredAt: Date;
}

const CONTACT_COLUMNS = `id, name, phones, emails, wechat_id AS "wechatId", title, notes, owner_id AS "ownerId", created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt", version`;
export const LINK_COLUMNS = `id, contact_id AS "contactId", customer_id AS "customerId", role, title, is_primary AS "isPrimary",
  started_on::text AS "startedOn", ended_on::text AS "endedOn"`;

@Injectable()
export class ContactRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {}

  async find(id: string, lock = false): Promise<Contact | undefined> {
    const row = await this.tx.queryOne<ContactState>(
      `SELECT ${CONTACT_COLUMNS} FROM contact.contacts WHERE id = $1 AND deleted_at IS NULL ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row && Contact.rehydrate(row);
  }

  /** Contacts already holding any of these phones or e-mails (other than `exceptId`). */
  async holdersOf(identifiers: { kind: string; value: string }[], exceptId?: string) {
    if (identifiers.length === 0) return [];
    return this.tx.query<{ id: string; name: string; matchedOn: string; value: string }>(
      `SELECT c.id, c.name, i.kind AS "matchedOn", i.value
         FROM contact.identifiers i JOIN contact.contacts c ON c.id = i.contact_id
        WHERE (i.kind, i.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
          AND ($3::uuid IS NULL OR c.id <> $3::uuid)`,
      [identifiers.map((identifier) => identifier.kind), identifiers.map((identifier) => identifier.value), exceptId ?? null],
    );
  }

  /** Inserts the contact and claims its identifiers; false when a racing writer took one first. */
  async insert(contact: Contact): Promise<boolean> {
    const state = contact.snapshot();
    await this.tx.query(
      `INSERT INTO contact.contacts (id, name, phones, emails, wechat_id, title, notes, owner_id, created_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        state.id,
        state.name,
        state.phones,
        state.emails,
        state.wechatId,
        state.title,
        state.notes,
        state.ownerId,
        state.createdBy,
        state.createdAt,
        state.updatedAt,
        state.version,
      ],
    );
    const claimed = await this.claimIdentifiers(state);
    if (claimed) this.uow.track(contact);
    return claimed;
  }

  async update(contact: Contact, expectedVersion: number): Promise<'ok' | 'stale' | 'duplicate'> {
    const state = contact.snapshot();
    const result = await this.tx.execute(
      `UPDATE contact.contacts SET name = $3, phones = $4, emails = $5, wechat_id = $6, title = $7, notes = $8, updated_at = $9, version = $10
        WHERE id = $1 AND version = $2`,
      [state.id, expectedVersion, state.name, state.phones, state.emails, state.wechatId, state.title, state.notes, state.updatedAt, state.version],
    );
    if (result.rowCount !== 1) return 'stale';
    await this.tx.query(`DELETE FROM contact.identifiers WHERE contact_id = $1`, [state.id]);
    if (!(await this.claimIdentifiers(state))) return 'duplicate';
    this.uow.track(contact);
    return 'ok';
  }

  private async claimIdentifiers(state: ContactState): Promise<boolean> {
    const identifiers = identifiersOf(state);
    if (identifiers.length === 0) return true;
    const result = await this.tx.execute(
      `INSERT INTO contact.identifiers (kind, value, contact_id) SELECT kind, value, $3 FROM unnest($1::text[], $2::text[]) AS i(kind, value)
       ON CONFLICT DO NOTHING`,
      [identifiers.map((identifier) => identifier.kind), identifiers.map((identifier) => identifier.value), state.id],
    );
    return result.rowCount === identifiers.length;
  }

  activeLink(contactId: string, customerId: string): Promise<LinkRecord | undefined> {
    return this.tx.queryOne<LinkRecord>(
      `SELECT ${LINK_COLUMNS} FROM contact.links WHERE contact_id = $1 AND customer_id = $2 AND ended_on IS NULL FOR UPDATE`,
      [contactId, customerId],
    );
  }

  async insertLink(link: LinkRecord): Promise<boolean> {
    if (link.isPrimary) {
      await this.tx.query(`UPDATE contact.links SET is_primary = false WHERE customer_id = $1 AND ended_on IS NULL AND is_primary`, [link.customerId]);
    }
    const result = await this.tx.execute(
      `INSERT INTO contact.links (id, contact_id, customer_id, role, title, is_primary, started_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [link.id, link.contactId, link.customerId, link.role, link.title, link.isPrimary, link.startedOn],
    );
    return result.rowCount === 1;
  }

  async changeLink(link: LinkRecord): Promise<void> {
    if (link.isPrimary && !link.endedOn) {
      await this.tx.query(`UPDATE contact.links SET is_primary = false WHERE customer_id = $1 AND ended_on IS NULL AND is_primary AND id <> $2`, [
        link.customerId,
        link.id,
      ]);
    }
    await this.tx.query(`UPDATE contact.links SET role = $2, title = $3, is_primary = $4, ended_on = $5 WHERE id = $1`, [
      link.id,
      link.role,
      link.title,
      link.isPrimary && !link.endedOn,
      link.endedOn,
    ]);
  }

  /** Hides the contact and frees its phones and e-mails; refused while it is linked to a customer. */
  async softDelete(contactId: string): Promise<'deleted' | 'linked'> {
    const linked = await this.tx.queryOne(`SELECT 1 FROM contact.links WHERE contact_id = $1 AND ended_on IS NULL LIMIT 1`, [contactId]);
    if (linked) return 'linked';
    await this.tx.query(`UPDATE contact.contacts SET deleted_at = now(), version = version + 1 WHERE id = $1`, [contactId]);
    await this.tx.query(`DELETE FROM contact.identifiers WHERE contact_id = $1`, [contactId]);
    return 'deleted';
  }

  linkedCustomerIds(contactId: string, options: { activeOnly: boolean }): Promise<{ customer_id: string }[]> {
    return this.tx.query(`SELECT DISTINCT customer_id FROM contact.links WHERE contact_id = $1 AND (NOT $2 OR ended_on IS NULL)`, [
      contactId,
      options.activeOnly,
    ]);
  }

  async insertRecord(record: RecordRecord): Promise<void> {
    await this.tx.query(
      `INSERT INTO contact.records (id, contact_id, customer_id, author_id, kind, content, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [record.id, record.contactId, record.customerId, record.authorId, record.kind, record.content, record.occurredAt],
    );
  }
}
