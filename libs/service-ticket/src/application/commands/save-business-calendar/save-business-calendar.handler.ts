import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { assertSaved, UnitOfWork } from '@crm/platform';
import { SlaEvents } from '../../../contracts/sla-events.js';
import { calendarProblem } from '../../../domain/business-calendar.js';
import { SlaErrors } from '../../../domain/sla.errors.js';
import { SlaConfigurationRepository } from '../../../infrastructure/sla-configuration.repository.js';
import { SaveBusinessCalendarCommand } from './save-business-calendar.command.js';

@CommandHandler(SaveBusinessCalendarCommand)
export class SaveBusinessCalendarHandler implements ICommandHandler<SaveBusinessCalendarCommand> {
  constructor(
    private readonly configuration: SlaConfigurationRepository,
    private readonly uow: UnitOfWork,
  ) {}

  async execute({ calendarId, input, ifMatch }: SaveBusinessCalendarCommand): Promise<{ calendarId: string; version: number }> {
    const problem = calendarProblem(input);
    if (problem) throw SlaErrors.invalidCalendar(problem);
    const id = calendarId ?? uuidv7();
    if (calendarId && !(await this.configuration.calendarVersion(calendarId))) throw SlaErrors.calendarNotFound();
    const version = await this.configuration.saveCalendar(id, input, calendarId ? { create: false, expectedVersion: ifMatch } : { create: true });
    await assertSaved(version !== undefined, 'business calendar', ifMatch, () => this.configuration.calendarVersion(id));
    this.uow.raise(
      SlaEvents.calendarChanged.create(id, { calendarId: id, name: input.name, teamIds: input.teamIds, isDefault: input.isDefault, version: version! }),
    );
    return { calendarId: id, version: version! };
  }
}
