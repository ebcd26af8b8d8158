import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CatalogError } from './catalog-error.js';
import { parseContentFile } from './content-files.js';
import type { RequestType } from './schema.js';

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'is a time as HH:MM');

export const businessHoursSchema = z.strictObject({
  days: z.array(z.enum(weekdays)).min(1),
  from: clockTime,
  to: clockTime,
}).refine((b) => b.from < b.to, { message: '`from` must be before `to`' });
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const teamSchema = z.strictObject({
  name: z.string().min(1),
  hours: z.number().positive(),
  tasks: z.record(z.string().regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, 'is <request type>/<step id>'), z.number().positive()).default({}),
  dueSoonHours: z.number().positive().default(4),
  businessHours: businessHoursSchema.optional(),
  notify: z.string().min(1).optional(),
});
export type TeamSla = z.infer<typeof teamSchema> & { id: string };

const teamsFileSchema = z.strictObject({ id: z.literal('teams').default('teams'), teams: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), teamSchema) });

/** The teams file (teams.yaml beside intents/ and dialogs/): each team's service levels. */
export interface TeamSlas {
  team(id: string): TeamSla | undefined;
  /** Hours a task of this step may take: its own entry, else the team's; undefined for a team not listed. */
  hoursFor(team: string, requestTypeId: string, stepId: string): number | undefined;
}

/**
 * Reads and checks teams.yaml under `rootDir` against the request types' manual steps; throws
 * a CatalogError listing every problem. Without the file no team has an SLA of its own and a
 * task is due when its request is.
 */
export async function loadTeamSlas(rootDir: string, requestTypes: readonly RequestType[]): Promise<TeamSlas> {
  let text: string;
  try {
    text = await readFile(join(rootDir, 'teams.yaml'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return teamSlasOf({});
    throw new CatalogError([`teams.yaml: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`]);
  }
  const problems: string[] = [];
  const parsed = parseContentFile({ path: 'teams.yaml', name: 'teams', text }, teamsFileSchema, problems);
  if (parsed) problems.push(...crossCheck(parsed.teams, requestTypes));
  if (problems.length || !parsed) throw new CatalogError(problems);
  return teamSlasOf(parsed.teams);
}

function crossCheck(teams: Record<string, z.infer<typeof teamSchema>>, requestTypes: readonly RequestType[]): string[] {
  const manual = requestTypes.flatMap((rt) => rt.fulfilment.steps.flatMap((s) => (s.kind === 'manual' ? [{ key: `${rt.id}/${s.id}`, team: s.team, file: `dialogs/${rt.id}.yaml` }] : [])));
  const problems = [...new Set(manual.filter((m) => !teams[m.team]).map((m) => `${m.file}: team "${m.team}" is not in teams.yaml`))];
  for (const [id, team] of Object.entries(teams)) {
    for (const key of Object.keys(team.tasks)) {
      const step = manual.find((m) => m.key === key);
      if (!step) problems.push(`teams.yaml: teams.${id}.tasks.${key}: there is no manual step ${key}`);
      else if (step.team !== id) problems.push(`teams.yaml: teams.${id}.tasks.${key}: that step belongs to the ${step.team} team`);
    }
  }
  return problems;
}

function teamSlasOf(teams: Record<string, z.infer<typeof teamSchema>>): TeamSlas {
  return {
    team: (id) => (teams[id] ? { ...teams[id], id } : undefined),
    hoursFor: (team, requestTypeId, stepId) => teams[team]?.tasks[`${requestTypeId}/${stepId}`] ?? teams[team]?.hours,
  };
}

export const weekdayIndex = (day: BusinessHours['days'][number]): number => weekdays.indexOf(day);
