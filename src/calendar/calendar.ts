/**
 * The one calendar: days as people in `TIME_ZONE` see them. "Today", a form's date limits,
 * typed dates and the date picker's bounds are all worked out here, so the dialog, the
 * server's validation, the Slack forms and date extraction agree on which day it is.
 */

/** A day on the calendar, without a time or a time zone. */
export interface CalendarDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

/** A date field's limits relative to today, as the catalog states them. */
export interface DateLimits {
  minDaysFromToday?: number | undefined;
  maxDaysFromToday?: number | undefined;
}

/** The first and last day a date field accepts, as YYYY-MM-DD (absent: no limit). */
export interface DateBounds {
  min?: string;
  max?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(key, format);
  }
  return format;
}

/** The day it is at `at` in `timeZone` (an IANA name; the process's zone when absent). */
export function calendarDateIn(at: Date | number, timeZone?: string): CalendarDate {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** Today in `timeZone` as YYYY-MM-DD. */
export function isoToday(at: Date | number, timeZone: string): string {
  return toIsoDate(calendarDateIn(at, timeZone));
}

export function isValidDate({ year, month, day }: CalendarDate): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A YYYY-MM-DD text as a date, or undefined when it is not one (2030-02-30 is not). */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDate(date) ? date : undefined;
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

export function toIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The last day of the month `monthsAhead` months after the date's month (0: its own month). */
export function endOfMonth(date: CalendarDate, monthsAhead = 0): CalendarDate {
  const last = new Date(Date.UTC(date.year, date.month + monthsAhead, 0));
  return { year: last.getUTCFullYear(), month: last.getUTCMonth() + 1, day: last.getUTCDate() };
}

/** A YYYY-MM-DD day moved by `days` (negative: earlier). */
export function addDaysToIso(isoDay: string, days: number): string {
  const date = parseIsoDate(isoDay);
  if (!date) throw new RangeError(`${isoDay} is not a YYYY-MM-DD date`);
  return toIsoDate(addDays(date, days));
}

/** 0 = Sunday .. 6 = Saturday */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The days a field with these limits accepts, counted from `today` (YYYY-MM-DD). */
export function dateBounds(limits: DateLimits, today: string): DateBounds {
  return {
    ...(limits.minDaysFromToday !== undefined ? { min: addDaysToIso(today, limits.minDaysFromToday) } : {}),
    ...(limits.maxDaysFromToday !== undefined ? { max: addDaysToIso(today, limits.maxDaysFromToday) } : {}),
  };
}

/** Where a YYYY-MM-DD day falls against the bounds: too early, too late, or within (undefined). */
export function outsideBounds(isoDay: string, bounds: DateBounds): 'before' | 'after' | undefined {
  if (bounds.min !== undefined && isoDay < bounds.min) return 'before';
  if (bounds.max !== undefined && isoDay > bounds.max) return 'after';
  return undefined;
}

/** The day `workingDays` working days (Monday to Friday) before a YYYY-MM-DD day. */
export function workingDaysBefore(isoDay: string, workingDays: number): string {
  let date = parseIsoDate(isoDay);
  if (!date) throw new RangeError(`${isoDay} is not a YYYY-MM-DD date`);
  for (let left = workingDays; left > 0;) {
    date = addDays(date, -1);
    const weekday = dayOfWeek(date);
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return toIsoDate(date);
}

/** The first moment (midnight) of a YYYY-MM-DD day in `timeZone`, as epoch milliseconds. */
export function startOfDayIn(isoDay: string, timeZone: string): number {
  const date = parseIsoDate(isoDay);
  if (!date) throw new RangeError(`${isoDay} is not a YYYY-MM-DD date`);
  return wallClockInstant(date, 0, 0, timeZone);
}

/** The instant the wall clock in `timeZone` (the process's zone when absent) shows `hour:minute` on `day`, as epoch milliseconds. */
export function wallClockInstant(day: CalendarDate, hour: number, minute: number, timeZone?: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  // The zone's offset at that moment, then once more at the corrected moment (a DST change that day).
  const first = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(first, timeZone);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone` is ahead of UTC at `at`, in milliseconds. */
function offsetMs(at: number, timeZone: string | undefined): number {
  const key = timeZone ?? '';
  let format = offsetFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(at / 1000) * 1000;
}
