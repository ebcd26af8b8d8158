import type { Bundle, Intent, Lookup, RequestType } from './schema.js';

/** A parsed file and where it came from (as the loader passes them). */
type Located<T> = { file: string; value: T };

/** The request type whose `model` options are the hardware a bundle may name. */
export const hardwareRequestType = 'laptop';

/**
 * A request type made from HR events only is never started by an intent, and the fields its
 * fulfilment waits for or takes a due date from are date fields.
 */
export function intakeProblems(intents: Array<Located<Intent>>, requestTypes: Array<Located<RequestType>>): string[] {
  const problems: string[] = [];
  const hrOnly = new Set(requestTypes.filter((r) => r.value.intake === 'hr-only').map((r) => r.value.id));
  for (const { file, value: intent } of intents) {
    if (intent.requestType && hrOnly.has(intent.requestType)) problems.push(`${file}: requestType: "${intent.requestType}" is made from HR events only (intake: hr-only) and is not offered in chat`);
  }
  for (const { file, value: rt } of requestTypes) {
    const isDate = (id: string) => rt.fields.find((f) => f.id === id)?.type === 'date';
    const startsOn = rt.fulfilment.startsOn?.field;
    if (startsOn !== undefined && !isDate(startsOn)) problems.push(`${file}: fulfilment.startsOn.field: "${startsOn}" is not a date field`);
    rt.fulfilment.steps.forEach((step, i) => {
      if (step.kind === 'manual' && step.due && !isDate(step.due.beforeField)) problems.push(`${file}: fulfilment.steps.${i}.due.beforeField: "${step.due.beforeField}" is not a date field`);
    });
    if (rt.bundle) {
      for (const key of ['department', 'role'] as const) {
        if (!rt.fields.some((f) => f.id === rt.bundle![key])) problems.push(`${file}: bundle.${key}: no field "${rt.bundle[key]}"`);
      }
    }
  }
  return problems;
}

/**
 * Bundles name accounts the systems lookup has, a laptop model the hardware request type
 * offers, and departments and roles the onboarding form offers; two bundles never cover the
 * same department and role, and one bundle (without a department) covers everyone else.
 */
export function bundleProblems(bundles: Array<Located<Bundle>>, requestTypes: readonly RequestType[], lookups: readonly Lookup[]): string[] {
  if (!bundles.length) return [];
  const problems: string[] = [];
  const systems = new Set(lookups.find((l) => l.id === 'systems')?.items.map((i) => i.value) ?? []);
  const hardware = requestTypes.find((r) => r.id === hardwareRequestType)?.fields.find((f) => f.id === 'model')?.options?.map((o) => o.value);
  const bundled = requestTypes.find((r) => r.bundle);
  const optionsOf = (fieldId: string | undefined) => new Set(bundled?.fields.find((f) => f.id === fieldId)?.options?.map((o) => o.value) ?? []);
  const departments = optionsOf(bundled?.bundle?.department);
  const roles = optionsOf(bundled?.bundle?.role);
  const covered = new Map<string, string>();
  for (const { file, value: b } of bundles) {
    b.accounts.forEach((a, i) => { if (!systems.has(a)) problems.push(`${file}: accounts.${i}: no system "${a}" in dialogs/lookups/systems.yaml`); });
    if (hardware && !hardware.includes(b.hardware)) problems.push(`${file}: hardware: "${b.hardware}" is not a model of dialogs/${hardwareRequestType}.yaml`);
    if (bundled && b.department !== undefined && !departments.has(b.department)) problems.push(`${file}: department: "${b.department}" is not a department of dialogs/${bundled.id}.yaml`);
    b.roles.forEach((r, i) => { if (bundled && !roles.has(r)) problems.push(`${file}: roles.${i}: "${r}" is not a role of dialogs/${bundled.id}.yaml`); });
    for (const key of (b.roles.length ? b.roles : ['*']).map((r) => `${b.department ?? '*'}/${r}`)) {
      const other = covered.get(key);
      if (other) problems.push(`${file}: roles: ${key.replace('/*', '').replace('*', 'everyone else')} is also covered by ${other}`);
      else covered.set(key, file);
    }
  }
  if (!covered.has('*/*')) problems.push(`${bundles[0]!.file}: (file): no bundle without a department covers everyone else; add bundles/default.yaml`);
  return problems;
}

/** The bundle for a department and role: department and role, then the department, then the default. */
export function bundleFor(bundles: readonly Bundle[], department: string, role: string): Bundle | undefined {
  return bundles.find((b) => b.department === department && b.roles.includes(role))
    ?? bundles.find((b) => b.department === department && b.roles.length === 0)
    ?? bundles.find((b) => b.department === undefined);
}
