import { Command } from '@nestjs/cqrs';
import type { CalendarInput } from '../../../infrastructure/sla-configuration.repository.js';

/** Creates a business calendar [工作日历] (calendarId null) or replaces one. */
export class SaveBusinessCalendarCommand extends Command<{ calendarId: string; version: number }> {
  constructor(
    readonly calendarId: string | null,
    readonly input: CalendarInput,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
