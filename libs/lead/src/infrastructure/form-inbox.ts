import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@crm/platform';
import type { LeadProfile } from '../domain/lead.types.js';

/** A submission waiting to be captured: its id is the receipt the visitor got. */
export interface InboxSubmission {
  id: string;
  formId: string;
  poolId: string;
  /** The form's creator: the captures are theirs, as the form's. */
  createdBy: string;
  profile: LeadProfile;
  receivedAt: Date;
  attempts: number;
}

/** Waits before a failed submission is tried again: 10 s, doubling, at most an hour. */
const retryDelaySeconds = (attempts: number) => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

/** The web-form inbox [表单收件箱] in lead.form_inbox. */
@Injectable()
export class FormInbox {
  constructor(private readonly tx: TransactionHost) {}

  /** Accepts a submission: one insert, committed on its own (the public endpoint has no transaction to join). */
  async accept(submission: Pick<InboxSubmission, 'id' | 'formId' | 'poolId' | 'profile'>): Promise<void> {
    await this.tx.executeDetached(`INSERT INTO lead.form_inbox (id, form_id, pool_id, profile) VALUES ($1, $2, $3, $4)`, [
      submission.id,
      submission.formId,
      submission.poolId,
      JSON.stringify(submission.profile),
    ]);
  }

  /**
   * Takes up to `limit` due submissions (or the ones named) out of the inbox, oldest first, in
   * the caller's transaction: they are gone only if it commits. Rows another process is taking are skipped.
   */
  async take(limit: number, ids?: readonly string[]): Promise<InboxSubmission[]> {
    const { rows } = await this.tx.execute<InboxSubmission>(
      `WITH due AS (
         SELECT i.id FROM lead.form_inbox i
          WHERE i.next_attempt_at <= now() ${ids ? 'AND i.id = ANY($2::uuid[])' : ''}
          ORDER BY i.next_attempt_at, i.id LIMIT $1 FOR UPDATE SKIP LOCKED)
       DELETE FROM lead.form_inbox i USING due, lead.forms f
        WHERE i.id = due.id AND f.id = i.form_id
       RETURNING i.id, i.form_id AS "formId", i.pool_id AS "poolId", f.created_by AS "createdBy", i.profile, i.received_at AS "receivedAt", i.attempts`,
      ids ? [limit, ids] : [limit],
    );
    return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** A submission that failed alone goes back, to be tried again later, with why. */
  async postpone(submission: InboxSubmission, error: string): Promise<void> {
    const attempts = submission.attempts + 1;
    await this.tx.execute(
      `INSERT INTO lead.form_inbox (id, form_id, pool_id, profile, received_at, attempts, next_attempt_at, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7), $8)`,
      [
        submission.id,
        submission.formId,
        submission.poolId,
        JSON.stringify(submission.profile),
        submission.receivedAt,
        attempts,
        retryDelaySeconds(attempts),
        error,
      ],
    );
  }
}
