import { zonedTime } from '@crm/kernel';

/** Start of "today" for daily claim limits, in the company's time zone (CRM_TIMEZONE, default Asia/Shanghai). */
export function startOfToday(now: Date, timeZone: string): Date {
  return new Date(now.getTime() - zonedTime(now, timeZone).secondOfDay * 1000 - now.getMilliseconds());
}
