import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SlaErrors } from '../../../domain/sla.errors.js';
import { SlaConfigurationRepository, type CalendarRecord } from '../../../infrastructure/sla-configuration.repository.js';
import { GetBusinessCalendarQuery, ListBusinessCalendarsQuery } from './business-calendar.queries.js';

@QueryHandler(ListBusinessCalendarsQuery)
export class ListBusinessCalendarsHandler implements IQueryHandler<ListBusinessCalendarsQuery> {
  constructor(private readonly configuration: SlaConfigurationRepository) {}

  execute(): Promise<CalendarRecord[]> {
    return this.configuration.listCalendars();
  }
}

@QueryHandler(GetBusinessCalendarQuery)
export class GetBusinessCalendarHandler implements IQueryHandler<GetBusinessCalendarQuery> {
  constructor(private readonly configuration: SlaConfigurationRepository) {}

  async execute({ calendarId }: GetBusinessCalendarQuery): Promise<CalendarRecord> {
    const calendar = await this.configuration.findCalendar(calendarId);
    if (!calendar) throw SlaErrors.calendarNotFound();
    return calendar;
  }
}
