import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, TransactionHost, UnitOfWork, type AppConfig } from '@crm/platform';
import { INSTALMENT_PAID_SQL } from '../../../domain/instalment-collection.js';
import { ContractEvents } from '../../../contracts/events.js';
import { ContractSettingsStore } from '../../../infrastructure/contract-settings.store.js';
import { SendContractRemindersCommand } from './send-contract-reminders.command.js';

const BATCH = 1000;

interface InstalmentRow {
  instalment_id: string;
  contract_id: string;
  customer_id: string;
  number: string;
  owner_id: string;
  status: string;
  seq: number;
  due_date: string;
  amount: string;
  currency: string;
}

/** Contracts whose instalments are reminded: those that are in force. */
const LIVE = `('approved', 'executing')`;

/**
 * One event per contract end date and per instalment, raised in the unit of work that marks it
 * reminded: a rerun or a second worker finds nothing left (rows are claimed with SKIP LOCKED).
 * "Today" is the company's day (CRM_TIMEZONE). A change of the end date re-arms its reminder.
 */
@CommandHandler(SendContractRemindersCommand)
export class SendContractRemindersHandler implements ICommandHandler<SendContractRemindersCommand> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
    private readonly settings: ContractSettingsStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ now }: SendContractRemindersCommand): Promise<{ endingSoon: number; instalmentsDue: number; instalmentsOverdue: number }> {
    const { endingReminderDays, instalmentReminderDays } = await this.settings.get();
    const today = `($1::timestamptz AT TIME ZONE $2)::date`;
    const ending = await this.tx.query<{
      id: string;
      customer_id: string;
      number: string;
      owner_id: string;
      status: string;
      name: string;
      end_date: string;
      days_left: number;
    }>(
      `WITH due AS (
         SELECT id FROM contract.contracts
          WHERE ending_reminded_at IS NULL AND end_date IS NOT NULL AND status IN ('approved', 'executing', 'suspended')
            AND end_date BETWEEN ${today} AND ${today} + $3::int
          ORDER BY end_date LIMIT $4 FOR UPDATE SKIP LOCKED)
       UPDATE contract.contracts c SET ending_reminded_at = $1 FROM due WHERE c.id = due.id
       RETURNING c.id, c.customer_id, c.number, c.owner_id, c.status, c.name, c.end_date::text AS end_date, (c.end_date - ${today})::int AS days_left`,
      [now, this.config.timeZone, endingReminderDays, BATCH],
    );
    this.uow.raise(
      ...ending.map((row) =>
        ContractEvents.endingSoon.create(row.id, {
          contractId: row.id,
          customerId: row.customer_id,
          number: row.number,
          ownerId: row.owner_id,
          status: row.status,
          name: row.name,
          endDate: row.end_date,
          daysLeft: row.days_left,
        }),
      ),
    );
    const due = await this.instalments('due_reminded_at', `i.due_date BETWEEN ${today} AND ${today} + $3::int`, [
      now,
      this.config.timeZone,
      instalmentReminderDays,
    ]);
    this.uow.raise(...due.map((row) => ContractEvents.instalmentDue.create(row.contract_id, this.payload(row))));
    const overdue = await this.instalments('overdue_reminded_at', `i.due_date < ${today}`, [now, this.config.timeZone]);
    this.uow.raise(...overdue.map((row) => ContractEvents.instalmentOverdue.create(row.contract_id, this.payload(row))));
    return { endingSoon: ending.length, instalmentsDue: due.length, instalmentsOverdue: overdue.length };
  }

  /** Claims pending instalments (not yet fully paid: payments allocate earliest due first) of live contracts matching `when` and not yet reminded by `marker`, and marks them. */
  private instalments(marker: 'due_reminded_at' | 'overdue_reminded_at', when: string, params: unknown[]): Promise<InstalmentRow[]> {
    const limit = `$${params.length + 1}`;
    return this.tx.query<InstalmentRow>(
      `WITH due AS (
         SELECT i.id FROM contract.instalments i JOIN contract.contracts c ON c.id = i.contract_id
          WHERE i.status = 'pending' AND i.${marker} IS NULL AND c.status IN ${LIVE} AND ${when}
            AND i.amount > ${INSTALMENT_PAID_SQL}
          ORDER BY i.due_date LIMIT ${limit} FOR UPDATE OF i SKIP LOCKED)
       UPDATE contract.instalments i SET ${marker} = $1 FROM due, contract.contracts c
        WHERE i.id = due.id AND c.id = i.contract_id
       RETURNING i.id AS instalment_id, c.id AS contract_id, c.customer_id, c.number, c.owner_id, c.status, i.seq, i.due_date::text AS due_date,
                 i.amount::text AS amount, c.currency`,
      [...params, BATCH],
    );
  }

  private payload(row: InstalmentRow) {
    return {
      contractId: row.contract_id,
      customerId: row.customer_id,
      number: row.number,
      ownerId: row.owner_id,
      status: row.status,
      instalmentId: row.instalment_id,
      seq: row.seq,
      dueDate: row.due_date,
      amount: row.amount,
      currency: row.currency,
    };
  }
}
