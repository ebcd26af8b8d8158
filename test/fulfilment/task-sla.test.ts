import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { CatalogError } from '../../src/catalog/catalog-error.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { loadTeamSlas } from '../../src/catalog/team-slas.js';
import { addBusinessHours, slaStatusOf, taskDueAt } from '../../src/fulfilment/task-sla.js';

const hourMs = 3_600_000;
const weekdays = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri'>, from: '09:00', to: '17:30' };

describe('due times from business hours', () => {
  it.each([
    { name: 'within the same day', since: '2026-12-01T10:00:00Z', hours: 2, due: '2026-12-01T12:00:00Z' },
    { name: 'Friday 17:00 with 2 hours left goes on Monday', since: '2026-12-04T17:00:00Z', hours: 2, due: '2026-12-07T10:30:00Z' },
    { name: 'arriving on a Saturday starts on Monday morning', since: '2026-12-05T11:00:00Z', hours: 1, due: '2026-12-07T10:00:00Z' },
    { name: 'before opening starts at opening', since: '2026-12-01T06:00:00Z', hours: 8.5, due: '2026-12-01T17:30:00Z' },
  ])('When a task arrives $name, then it is due at $due (UTC zone)', ({ since, hours, due }) => {
    expect(new Date(addBusinessHours(weekdays, Date.parse(since), hours * hourMs, 'UTC')).toISOString()).toBe(new Date(due).toISOString());
  });

  it('When the zone is Europe/Berlin, then the open hours are Berlin wall-clock hours, across the change to summer time', () => {
    // Friday 27 March 2026 16:30 CET (15:30Z); summer time starts Sunday 29 March.
    const due = addBusinessHours(weekdays, Date.parse('2026-03-27T15:30:00Z'), 2 * hourMs, 'Europe/Berlin');
    expect(new Date(due).toISOString()).toBe('2026-03-30T08:00:00.000Z'); // Monday 10:00 CEST
  });

  it('When a team has no SLA, then a task is due when its request is; the SLA status follows the due time', () => {
    expect(taskDueAt(undefined, undefined, 1000, 5000)).toBe(5000);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(slaStatusOf(now + 5 * hourMs, now, 4)).toBe('on_track');
    expect(slaStatusOf(now + 3 * hourMs, now, 4)).toBe('due_soon');
    expect(slaStatusOf(now - 1, now, 4)).toBe('breached');
  });
});

describe('teams.yaml, checked at boot', () => {
  let dir: string;
  let catalog: Catalog;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontdoor-teams-'));
    catalog = await loadCatalog('.');
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('When the shipped file is read, then every team named by a manual step has an SLA and task entries win over the team default', async () => {
    const teams = await loadTeamSlas('.', catalog.requestTypes);
    expect(teams.hoursFor('it-hardware', 'laptop', 'allocate-from-stock')).toBe(8);
    expect(teams.hoursFor('it-hardware', 'laptop', 'prepare-and-ship')).toBe(16);
    expect(teams.team('procurement')?.businessHours).toMatchObject({ from: '09:00', to: '17:30' });
  });

  it('When the file names a missing task, misspells a field or leaves out a team, then the start stops with every problem listed', async () => {
    await writeFile(join(dir, 'teams.yaml'), [
      'teams:',
      '  it-hardware: { name: IT hardware, hours: 8, tasks: { laptop/no-such-step: 4, laptop/purchase: 2 } }',
      '  procurement: { name: Procurement, hour: 8 }',
    ].join('\n'));
    const error = await loadTeamSlas(dir, catalog.requestTypes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    const problems = (error as CatalogError).problems.join('\n');
    expect(problems).toContain('teams.yaml: teams.procurement');
    await writeFile(join(dir, 'teams.yaml'), 'teams:\n  it-hardware: { name: IT hardware, hours: 8, tasks: { laptop/no-such-step: 4, laptop/purchase: 2 } }\n');
    const second = (await loadTeamSlas(dir, catalog.requestTypes).catch((e: unknown) => e)) as CatalogError;
    expect(second.problems).toEqual(expect.arrayContaining([
      'teams.yaml: teams.it-hardware.tasks.laptop/no-such-step: there is no manual step laptop/no-such-step',
      'teams.yaml: teams.it-hardware.tasks.laptop/purchase: that step belongs to the procurement team',
      'dialogs/laptop.yaml: team "procurement" is not in teams.yaml',
    ]));
  });
});
