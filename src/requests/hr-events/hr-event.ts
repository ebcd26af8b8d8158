import { z } from 'zod';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
/** Department and role as the onboarding form's values: "Engineering" is taken as "engineering". */
const code = z.string().trim().min(1).max(100).transform((v) => v.toLowerCase());

/** The person an HR event is about, as the HR system knows them. */
export const hrPersonSchema = z.object({
  employeeId: z.string().trim().min(1).max(64),
  name: z.string().trim().min(3).max(120),
  /** Their directory (work) email: required for movers and leavers, absent for a joiner, who has none yet. */
  email: z.email().optional(),
  /** A joiner's personal email, where their first-day login instructions go. */
  personalEmail: z.email().optional(),
  department: code,
  role: code,
  /** Job title; the role when absent. */
  title: z.string().trim().min(2).max(120).optional(),
  /** Their manager (a mover's new manager), by directory email. */
  managerEmail: z.email(),
  startDate: isoDay.optional(),
  lastDay: isoDay.optional(),
  location: z.string().trim().min(1).max(100).optional(),
  costCentre: z.string().trim().min(1).max(50).optional(),
});

/**
 * One event from the HR system (docs/fulfilment.md, "Joiners, movers and leavers from HR").
 * `id` is the HR system's own id for the event: each one is taken once. Unknown keys are
 * ignored, so an HR system may send more than this.
 */
export const hrEventSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1 to 128 letters, digits and . _ : -'),
  type: z.enum(['joiner', 'mover', 'leaver']),
  occurredAt: z.iso.datetime({ offset: true }),
  person: hrPersonSchema,
  /** A mover's department and role before the move; the directory's when absent. */
  previous: z.object({ department: code, role: code }).optional(),
}).superRefine((event, ctx) => {
  const need = (key: keyof z.infer<typeof hrPersonSchema>, why: string) => {
    if (event.person[key] === undefined) ctx.addIssue({ code: 'custom', path: ['person', key], message: `is required for a ${event.type} (${why})` });
  };
  if (event.type === 'joiner') {
    need('personalEmail', 'their login instructions go there');
    need('startDate', 'the first day everything must be ready for');
  } else {
    need('email', 'their directory email');
  }
  if (event.type === 'leaver') need('lastDay', 'access ends on it');
});
export type HrEvent = z.infer<typeof hrEventSchema>;

/** The request types HR events make (dialogs/). */
export const hrRequestTypes = { joiner: 'onboarding', mover: 'access-change', leaver: 'leaver' } as const;

/** The event as stored for review: a personal email is never kept. */
export function storedBody(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const event = body as Record<string, unknown>;
  const person = event.person;
  if (!person || typeof person !== 'object' || Array.isArray(person) || !('personalEmail' in person)) return body;
  const { personalEmail: _dropped, ...kept } = person as Record<string, unknown>;
  return { ...event, person: kept };
}
