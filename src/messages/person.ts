import { z } from 'zod';

/** A person as the directory knows them. `id` is the lower-cased email. */
export const personSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().min(1),
  department: z.string().min(1),
  title: z.string().min(1),
  /** Job family used by catalog rules, e.g. engineer, designer, analyst, manager, executive. */
  role: z.string().min(1),
  managerEmail: z.email().transform((e) => e.toLowerCase()).optional(),
  costCentre: z.string().min(1),
  location: z.string().min(1),
  /** Group memberships, e.g. service-desk, managers, owners:finance-share. */
  groups: z.array(z.string().min(1)).default([]),
});

export type Person = z.infer<typeof personSchema> & { id: string };

export function toPerson(input: z.input<typeof personSchema>): Person {
  const p = personSchema.parse(input);
  return { ...p, id: p.email };
}
