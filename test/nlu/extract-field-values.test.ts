import { describe, expect, it } from 'vitest';
import { extractFieldValues, type ExtractableField } from '../../src/nlu/extract-field-values.js';

const software: ExtractableField = {
  id: 'software',
  type: 'choice',
  options: [
    { value: 'photoshop', label: 'Adobe Photoshop', synonyms: ['photoshop', 'ps'] },
    { value: 'acrobat', label: 'Adobe Acrobat', synonyms: ['acrobat', 'pdf editor'] },
    { value: 'creative-cloud', label: 'Adobe Creative Cloud', synonyms: ['adobe'] },
    { value: 'vscode', label: 'Visual Studio Code', synonyms: ['vs code', 'vscode'] },
    { value: 'slack', label: 'Slack' },
  ],
};
const neededBy: ExtractableField = { id: 'neededBy', type: 'date' };
const quantity: ExtractableField = { id: 'quantity', type: 'number' };
const urgent: ExtractableField = { id: 'urgent', type: 'yes-no' };
const peripherals: ExtractableField = {
  id: 'peripherals',
  type: 'multi-choice',
  options: [
    { value: 'mouse', label: 'Mouse' },
    { value: 'keyboard', label: 'Keyboard' },
    { value: 'monitor', label: 'Monitor', synonyms: ['screen', 'display'] },
  ],
};
const fields = [software, neededBy, quantity, urgent, peripherals];

// Wednesday 10 June 2026, 09:00 in London.
const now = new Date('2026-06-10T08:00:00Z');
const timeZone = 'Europe/London';

describe('extractFieldValues', () => {
  it.each<[string, Record<string, string | number>]>([
    // Options: label, synonym, stemmed form, typos
    ['I need Adobe Photoshop', { software: 'photoshop' }],
    ['just adobe', { software: 'creative-cloud' }],
    ['please install photshop on my laptop', { software: 'photoshop' }],
    ['can i get vs code', { software: 'vscode' }],
    ['install visual studo code', { software: 'vscode' }],
    ['i need acrobat', { software: 'acrobat' }],
    ['add me to slack', { software: 'slack' }],
    // The longer of two overlapping names wins
    ['adobe acrobat please', { software: 'acrobat' }],
    // Common words one letter away from a short name are not typos of it
    ['my screen is black', { peripherals: 'monitor' }],
    ['the photos look weird', {}],
    // Two options named equally clearly: unsure, so nothing
    ['photoshop or acrobat, whichever is cheaper', {}],
    // Multi-choice collects every option mentioned
    ['a keyboard and two monitors', { peripherals: 'keyboard,monitor', quantity: 2 }],
    // Dates relative to now (Wednesday 2026-06-10)
    ['I need it today', { neededBy: '2026-06-10' }],
    ['by tomorrow please', { neededBy: '2026-06-11' }],
    ['the day after tomorrow', { neededBy: '2026-06-12' }],
    ['on Monday', { neededBy: '2026-06-15' }],
    ['next friday', { neededBy: '2026-06-12' }],
    ['this wednesday', { neededBy: '2026-06-17' }],
    ['on the 3rd', { neededBy: '2026-07-03' }],
    ['on the 20th', { neededBy: '2026-06-20' }],
    ['until the end of next month', { neededBy: '2026-07-31' }],
    ['by the end of the month', { neededBy: '2026-06-30' }],
    ['until end of september', { neededBy: '2026-09-30' }],
    // A product named before what it is for: the purpose does not name a second option
    ['photoshop for a slack campaign', { software: 'photoshop' }],
    ['2026-12-01', { neededBy: '2026-12-01' }],
    ['1 Dec', { neededBy: '2026-12-01' }],
    ['December 1st', { neededBy: '2026-12-01' }],
    ['by March 5', { neededBy: '2027-03-05' }],
    ['on 5 March 2028', { neededBy: '2028-03-05' }],
    ['in 3 days', { neededBy: '2026-06-13' }],
    ['in two weeks', { neededBy: '2026-06-24' }],
    // Not dates, or more than one date: nothing
    ['February 30th', {}],
    ['between monday and friday', {}],
    ['room on the 3rd floor', {}],
    ['see you on 01/12', {}],
    ['the sun is out on sat', {}],
    // Numbers: stand-alone and exactly one
    ['I need 3 licences', { quantity: 3 }],
    ['three licences please', { quantity: 3 }],
    ['3 licences for 5 people', {}],
    ['a laptop with 16gb', {}],
    ['meet at 6:30', {}],
    ['2 licences by tomorrow', { quantity: 2, neededBy: '2026-06-11' }],
    // Yes/no only when that is the whole answer
    ['yes', { urgent: 'yes' }],
    ['Nope.', { urgent: 'no' }],
    ['no idea what I need', {}],
  ])('"%s" -> %j', (text, expected) => {
    expect(extractFieldValues(text, fields, { now, timeZone })).toEqual(expected);
  });

  it('When the time zone is already on the next day, then "tomorrow" counts from there', () => {
    const lateUtc = new Date('2026-06-10T23:30:00Z');
    expect(extractFieldValues('tomorrow', [neededBy], { now: lateUtc, timeZone: 'Asia/Tokyo' })).toEqual({
      neededBy: '2026-06-12',
    });
    expect(extractFieldValues('tomorrow', [neededBy], { now: lateUtc, timeZone: 'America/New_York' })).toEqual({
      neededBy: '2026-06-11',
    });
  });

  it('When a form has two date fields, then a single date is not guessed into either', () => {
    const fieldsWithTwoDates: ExtractableField[] = [neededBy, { id: 'returnBy', type: 'date' }];
    expect(extractFieldValues('tomorrow', fieldsWithTwoDates, { now, timeZone })).toEqual({});
  });

  it('When fields are person or free text, then they are never filled', () => {
    const other: ExtractableField[] = [
      { id: 'manager', type: 'person' },
      { id: 'reason', type: 'text' },
    ];
    expect(extractFieldValues('my manager alice wants it because of the audit', other, { now })).toEqual({});
  });
});
