import { Inject, Injectable } from '@nestjs/common';
import { zonedTime } from '@crm/kernel';
import { APP_CONFIG, TransactionHost, type AppConfig } from '@crm/platform';
import { ContractErrors } from '../domain/contract.errors.js';
import { renderNumber, sequenceKey, sequenceLimit } from '../domain/number-pattern.js';

export interface ContractSettings {
  /** The contract number pattern [合同编号规则], e.g. `HT{yyyy}{MM}-{seq:4}`. */
  numberPattern: string;
  /** Contracts ending within this many days are reminded [合同到期提醒]. */
  endingReminderDays: number;
  /** Instalments due within this many days are reminded [回款提醒]. */
  instalmentReminderDays: number;
  version: number;
}

/** The contract settings row and the numbering counters. */
@Injectable()
export class ContractSettingsStore {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(options: { lock?: 'share' | 'update' } = {}): Promise<ContractSettings> {
    const lock = options.lock === 'update' ? 'FOR UPDATE' : options.lock === 'share' ? 'FOR SHARE' : '';
    const row = await this.tx.queryOne<{ number_pattern: string; ending_reminder_days: number; instalment_reminder_days: number; version: number }>(
      `SELECT number_pattern, ending_reminder_days, instalment_reminder_days, version FROM contract.settings ${lock}`,
    );
    return {
      numberPattern: row!.number_pattern,
      endingReminderDays: row!.ending_reminder_days,
      instalmentReminderDays: row!.instalment_reminder_days,
      version: row!.version,
    };
  }

  /** Writes the settings if still at `loadedVersion`; false when someone saved in between. */
  async save(settings: Omit<ContractSettings, 'version'>, loadedVersion: number): Promise<boolean> {
    const { rowCount } = await this.tx.execute(
      `UPDATE contract.settings SET number_pattern = $1, ending_reminder_days = $2, instalment_reminder_days = $3, updated_at = now(), version = version + 1
        WHERE version = $4`,
      [settings.numberPattern, settings.endingReminderDays, settings.instalmentReminderDays, loadedVersion],
    );
    return rowCount > 0;
  }

  /**
   * The next free contract number for `now` in the company's time zone. The counter row stays locked
   * until the creating transaction commits, so concurrent creations get consecutive numbers and a
   * rolled-back one leaves no gap; a number already taken (a pattern changed back) is skipped.
   */
  async nextNumber(now: Date): Promise<string> {
    const { numberPattern } = await this.get({ lock: 'share' });
    const key = sequenceKey(numberPattern, this.dateParts(now));
    const limit = sequenceLimit(numberPattern);
    for (;;) {
      const row = await this.tx.queryOne<{ last_value: string }>(
        `INSERT INTO contract.number_sequences (prefix, last_value) VALUES ($1, 1)
         ON CONFLICT (prefix) DO UPDATE SET last_value = contract.number_sequences.last_value + 1
         RETURNING last_value`,
        [key],
      );
      const seq = Number(row!.last_value);
      if (seq > limit) throw ContractErrors.numbersExhausted(key);
      const number = renderNumber(numberPattern, key, seq);
      if (!(await this.tx.queryOne(`SELECT 1 FROM contract.contracts WHERE number = $1`, [number]))) return number;
    }
  }

  private dateParts(now: Date): { year: number; month: number; day: number } {
    const [year, month, day] = zonedTime(now, this.config.timeZone).date.split('-').map(Number) as [number, number, number];
    return { year, month, day };
  }
}
