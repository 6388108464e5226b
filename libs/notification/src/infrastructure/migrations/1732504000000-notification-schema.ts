import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications [消息提醒] per recipient, one per (event, recipient, kind), and what each user switched off. */
export class NotificationSchema1732504000000 implements MigrationInterface {
  name = 'NotificationSchema1732504000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS notification`);
    await db.query(`
      CREATE TABLE notification.notifications (
        id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text NOT NULL,
        event_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notifications_once_per_event UNIQUE (event_id, recipient_id, kind)
      )`);
    // The inbox's order: unread first, then newest (UUIDv7 ids follow creation time).
    await db.query(`CREATE INDEX notifications_inbox ON notification.notifications (recipient_id, (read_at IS NULL), id)`);
    await db.query(`CREATE INDEX notifications_unread ON notification.notifications (recipient_id, id) WHERE read_at IS NULL`);
    await db.query(`
      CREATE TABLE notification.preferences (
        user_id uuid PRIMARY KEY,
        disabled_kinds text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA notification CASCADE`);
  }
}
