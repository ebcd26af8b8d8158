import { describe, expect, it } from 'vitest';
import {
  addDays,
  addDaysToIso,
  calendarDateIn,
  compareDates,
  dateBounds,
  dayOfWeek,
  isIsoDate,
  isoToday,
  isValidDate,
  outsideBounds,
  parseIsoDate,
  toIsoDate,
} from '../../src/calendar/calendar.js';

describe('calendar', () => {
  describe('which day it is', () => {
    const lateInLosAngeles = new Date('2026-01-16T07:30:00Z'); // 23:30 on the 15th in Los Angeles

    it.each([
      ['UTC', '2026-01-16'],
      ['America/Los_Angeles', '2026-01-15'],
      ['America/New_York', '2026-01-16'],
      ['Pacific/Kiritimati', '2026-01-16'],
      ['Pacific/Pago_Pago', '2026-01-15'],
    ])('When it is 07:30 UTC, then in %s it is %s', (zone, expected) => {
      expect(isoToday(lateInLosAngeles, zone)).toBe(expected);
    });

    it('When the moment is given as milliseconds or as a Date, then the day is the same', () => {
      expect(calendarDateIn(lateInLosAngeles.getTime(), 'America/Los_Angeles')).toEqual(calendarDateIn(lateInLosAngeles, 'America/Los_Angeles'));
      expect(calendarDateIn(lateInLosAngeles, 'America/Los_Angeles')).toEqual({ year: 2026, month: 1, day: 15 });
    });

    it('When a zone changes to summer time, then the day still turns at local midnight', () => {
      // Los Angeles moves to UTC-7 on 8 March 2026.
      expect(isoToday(new Date('2026-03-09T06:59:00Z'), 'America/Los_Angeles')).toBe('2026-03-08');
      expect(isoToday(new Date('2026-03-09T07:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-09');
    });
  });

  describe('ISO days', () => {
    it.each([
      ['2026-02-28', true],
      ['2028-02-29', true],
      ['2026-02-29', false],
      ['2030-02-30', false],
      ['2026-13-01', false],
      ['2026-00-10', false],
      ['2026-1-5', false],
      ['tomorrow', false],
      ['2026-01-05T00:00:00Z', false],
      ['', false],
    ])('When the text is %j, then it is a date: %s', (text, expected) => {
      expect(isIsoDate(text)).toBe(expected);
      expect(parseIsoDate(text) !== undefined).toBe(expected);
    });

    it('When a date is written and read back, then it is the same', () => {
      expect(toIsoDate({ year: 987, month: 3, day: 4 })).toBe('0987-03-04');
      expect(parseIsoDate('2026-11-09')).toEqual({ year: 2026, month: 11, day: 9 });
      expect(isValidDate({ year: 2026, month: 4, day: 31 })).toBe(false);
      expect(isValidDate({ year: 2026, month: 4, day: 1.5 })).toBe(false);
    });

    it('When days are added across months, years and leap days, then the calendar is followed', () => {
      expect(addDaysToIso('2026-01-31', 1)).toBe('2026-02-01');
      expect(addDaysToIso('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDaysToIso('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDaysToIso('2026-03-01', -1)).toBe('2026-02-28');
      expect(addDaysToIso('2026-01-15', 180)).toBe('2026-07-14');
      expect(toIsoDate(addDays({ year: 2026, month: 3, day: 8 }, 0))).toBe('2026-03-08');
      expect(() => addDaysToIso('2026-02-30', 1)).toThrow(RangeError);
    });

    it('When dates are compared or their weekday asked, then the calendar answers', () => {
      expect(dayOfWeek({ year: 2026, month: 1, day: 15 })).toBe(4); // a Thursday
      expect(compareDates({ year: 2026, month: 1, day: 15 }, { year: 2026, month: 1, day: 16 })).toBeLessThan(0);
      expect(compareDates({ year: 2027, month: 1, day: 1 }, { year: 2026, month: 12, day: 31 })).toBeGreaterThan(0);
      expect(compareDates({ year: 2026, month: 5, day: 5 }, { year: 2026, month: 5, day: 5 })).toBe(0);
    });
  });

  describe("a date field's bounds", () => {
    it('When limits are given, then the bounds count from today; absent limits leave a side open', () => {
      expect(dateBounds({ minDaysFromToday: 0, maxDaysFromToday: 180 }, '2026-01-15')).toEqual({ min: '2026-01-15', max: '2026-07-14' });
      expect(dateBounds({ minDaysFromToday: 1 }, '2026-12-31')).toEqual({ min: '2027-01-01' });
      expect(dateBounds({}, '2026-01-15')).toEqual({});
    });

    it('When a day is checked against the bounds, then the first and last day are within', () => {
      const bounds = { min: '2026-01-15', max: '2026-07-14' };
      expect(outsideBounds('2026-01-14', bounds)).toBe('before');
      expect(outsideBounds('2026-01-15', bounds)).toBeUndefined();
      expect(outsideBounds('2026-07-14', bounds)).toBeUndefined();
      expect(outsideBounds('2026-07-15', bounds)).toBe('after');
      expect(outsideBounds('1999-01-01', {})).toBeUndefined();
    });
  });
});
