import {
  addDays,
  compareDates,
  dayOfWeek,
  endOfMonth,
  isValidDate,
  toIsoDate,
  type CalendarDate,
} from '../calendar/calendar.js';

export interface DateMention {
  /** yyyy-mm-dd */
  iso: string;
  /** Where in the (lower-cased) text the expression was found. */
  start: number;
  end: number;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// Full names and the abbreviations that are not also common words ("sun", "sat").
const WEEKDAY_PATTERN = '(sunday|monday|mon|tuesday|tues?|wednesday|wed|thursday|thurs?|thu|friday|fri|saturday)';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_PATTERN =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY_PATTERN = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR_PATTERN = '(?:,?\\s+(\\d{4}))?';

type Resolver = (match: RegExpExecArray, today: CalendarDate) => CalendarDate | undefined;

/** Each pattern with the function that turns a match into a date relative to today. */
const DATE_PATTERNS: ReadonlyArray<readonly [RegExp, Resolver]> = [
  [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })],
  [/\b(?:the\s+)?day\s+after\s+tomorrow\b/g, (_m, today) => addDays(today, 2)],
  [/\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(week|month|year)\b/g, (m, today) => endOf(m[1], 0, today)],
  [/\b(?:the\s+)?end\s+of\s+next\s+(week|month|year)\b/g, (m, today) => endOf(m[1], 1, today)],
  [new RegExp(`\\b(?:the\\s+)?end\\s+of\\s+${MONTH_PATTERN}\\b`, 'g'), (m, today) => endOfNamedMonth(m[1], today)],
  [/\bnext\s+week\b/g, (_m, today) => addDays(today, 7)],
  [/\btoday\b/g, (_m, today) => today],
  [/\btomorrow\b/g, (_m, today) => addDays(today, 1)],
  [/\bin\s+(\d{1,2}|a|one|two|three|four|five|six|seven)\s+(days?|weeks?)\b/g, (m, today) => inAFewDays(m, today)],
  [new RegExp(`\\b(?:this\\s+|next\\s+|on\\s+)?${WEEKDAY_PATTERN}\\b`, 'g'), (m, today) => nextWeekday(m[1], today)],
  [new RegExp(`\\b${DAY_PATTERN}(?:\\s+of)?\\s+${MONTH_PATTERN}\\b${YEAR_PATTERN}`, 'g'), (m, today) => dayOfMonth(m[1], m[2], m[3], today)],
  [new RegExp(`\\b${MONTH_PATTERN}\\s+(?:the\\s+)?${DAY_PATTERN}\\b${YEAR_PATTERN}`, 'g'), (m, today) => dayOfMonth(m[2], m[1], m[3], today)],
  [/\b(?:on|by|for|until|before)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:floor|time|row|line|level|place|attempt|try|one|item|person|page)s?\b)/g, (m, today) => dayOfThisOrNextMonth(Number(m[1]), today)],
];

const NUMBER_WORDS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };

/**
 * Finds date expressions in the text and resolves them against `today`. Dates without a
 * year and weekdays are taken as the next such day ("Monday" said on a Monday is a week
 * later). Numeric forms like 01/12 are skipped: day-first and month-first readings clash.
 */
export function findDates(text: string, today: CalendarDate): DateMention[] {
  const lower = text.toLowerCase();
  const mentions: DateMention[] = [];
  for (const [pattern, resolve] of DATE_PATTERNS) {
    for (const match of lower.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (mentions.some((m) => start < m.end && end > m.start)) continue;
      const date = resolve(match as RegExpExecArray, today);
      if (date && isValidDate(date)) mentions.push({ iso: toIsoDate(date), start, end });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function inAFewDays(match: RegExpExecArray, today: CalendarDate): CalendarDate {
  const count = NUMBER_WORDS[match[1]] ?? Number(match[1]);
  return addDays(today, match[2].startsWith('week') ? count * 7 : count);
}

/** "end of next month": the last day of that week (Friday), month or year. */
function endOf(unit: string, ahead: number, today: CalendarDate): CalendarDate {
  if (unit === 'month') return endOfMonth(today, ahead);
  if (unit === 'year') return { year: today.year + ahead, month: 12, day: 31 };
  const friday = addDays(today, (5 - dayOfWeek(today) + 7) % 7);
  return addDays(friday, ahead * 7);
}

function endOfNamedMonth(monthName: string, today: CalendarDate): CalendarDate {
  const month = MONTHS.indexOf(monthName.slice(0, 3)) + 1;
  return endOfMonth({ year: month < today.month ? today.year + 1 : today.year, month, day: 1 });
}

function nextWeekday(name: string, today: CalendarDate): CalendarDate | undefined {
  const target = WEEKDAYS.findIndex((day) => day.startsWith(name));
  if (target < 0) return undefined;
  const ahead = (target - dayOfWeek(today) + 7) % 7 || 7;
  return addDays(today, ahead);
}

function dayOfMonth(day: string, monthName: string, year: string | undefined, today: CalendarDate): CalendarDate {
  const date = { year: year ? Number(year) : today.year, month: MONTHS.indexOf(monthName.slice(0, 3)) + 1, day: Number(day) };
  if (year === undefined && compareDates(date, today) < 0) date.year++;
  return date;
}

function dayOfThisOrNextMonth(day: number, today: CalendarDate): CalendarDate {
  const thisMonth = { ...today, day };
  if (day >= today.day) return thisMonth;
  return today.month === 12 ? { year: today.year + 1, month: 1, day } : { ...today, month: today.month + 1, day };
}
