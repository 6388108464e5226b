import { Query } from '@nestjs/cqrs';
import type { CalendarRecord } from '../../../infrastructure/sla-configuration.repository.js';

/** Every business calendar [工作日历], the default first (a short list). */
export class ListBusinessCalendarsQuery extends Query<CalendarRecord[]> {}

export class GetBusinessCalendarQuery extends Query<CalendarRecord> {
  constructor(readonly calendarId: string) {
    super();
  }
}
