/**
 * An instant as the wall clock of a time zone (IANA, such as the company's CRM_TIMEZONE) reads it.
 * Building a formatter costs far more than using one (it was the pool claim's top function in a CPU
 * profile), so there is one per time zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface ZonedTime {
  /** The calendar date, `YYYY-MM-DD`. */
  date: string;
  /** The time to the minute, `HH:MM` (00:00–23:59). */
  minute: string;
  /** Whole seconds since midnight by the wall clock (0–86399); on a day with a daylight-saving change this is not the time elapsed. */
  secondOfDay: number;
}

/** The calendar date and wall-clock time of an instant in a time zone; throws a RangeError for an unknown zone. */
export function zonedTime(instant: Date, timeZone: string): ZonedTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: `${parts.hour}:${parts.minute}`,
    secondOfDay: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second),
  };
}
