import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import type { PortalVisitor } from '../application/ticket-principal.js';

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Self-service tokens [自助服务凭证]: only a hash is stored; the token itself is shown once. */
@Injectable()
export class PortalTokenStore {
  constructor(private readonly tx: TransactionHost) {}

  async issue(input: { customerId: string; contactId: string; how: 'issued' | 'verified'; issuedBy: string | null; validForMs: number; now: Date }) {
    const id = uuidv7();
    const token = `pt_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(input.now.getTime() + input.validForMs);
    await this.tx.query(
      `INSERT INTO service_ticket.portal_tokens (id, token_hash, customer_id, contact_id, how, issued_by, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, hash(token), input.customerId, input.contactId, input.how, input.issuedBy, input.now, expiresAt],
    );
    return { id, token, expiresAt };
  }

  /** The visitor a token proves, while it is neither expired nor revoked. */
  async resolve(token: string): Promise<PortalVisitor | null> {
    const row = await this.tx.queryOne<PortalVisitor>(
      `SELECT id AS "tokenId", customer_id AS "customerId", contact_id AS "contactId" FROM service_ticket.portal_tokens
        WHERE token_hash = $1 AND expires_at > now() AND revoked_at IS NULL`,
      [hash(token)],
    );
    return row ?? null;
  }

  /** Revokes a token issued for a customer the caller may see; false when there is none (or it was revoked already). */
  async revoke(tokenId: string, now: Date): Promise<{ customerId: string; contactId: string } | undefined> {
    return this.tx.queryOne<{ customerId: string; contactId: string }>(
      `UPDATE service_ticket.portal_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL
       RETURNING customer_id AS "customerId", contact_id AS "contactId"`,
      [tokenId, now],
    );
  }
}
