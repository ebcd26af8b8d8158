import { conditionLeaves } from './condition-references.js';
import { integrationNames } from './integration-names.js';
import { bundleKeys, placeholdersIn, requesterKeys, requestTypeKeys } from './interpolate.js';
import { precheckNames } from './precheck-names.js';
import { requestTypeProblems } from './request-type-references.js';
import { bundleProblems, intakeProblems } from './bundle-references.js';
import type { Bundle, Intent, Lookup, RequestType } from './schema.js';

/** A parsed file and where it came from. */
export interface Located<T> {
  file: string;
  value: T;
}

export interface CatalogParts {
  intents: Array<Located<Intent>>;
  requestTypes: Array<Located<RequestType>>;
  lookups: Array<Located<Lookup>>;
  bundles: Array<Located<Bundle>>;
  /** Ids of files that failed their own checks: references to them are not reported again. */
  brokenIds: { intents: Set<string>; requestTypes: Set<string>; lookups: Set<string> };
}

/**
 * Problems between files, each `<file>: <field path>: <message>`: what an intent starts,
 * which lookups and fields are named, the placeholders, pre-checks and integrations used.
 */
export function crossReferenceProblems(parts: CatalogParts): string[] {
  const problems: string[] = [];
  const requestTypeIds = new Set([...parts.requestTypes.map((r) => r.value.id), ...parts.brokenIds.requestTypes]);
  const lookupIds = new Set([...parts.lookups.map((l) => l.value.id), ...parts.brokenIds.lookups]);

  for (const { file, value: intent } of parts.intents) {
    if (intent.kind === 'request' && intent.requestType && !requestTypeIds.has(intent.requestType)) {
      problems.push(`${file}: requestType: no request type "${intent.requestType}" (expected dialogs/${intent.requestType}.yaml)`);
    }
    if (intent.kind !== 'request' && intent.requestType) {
      problems.push(`${file}: requestType: only a request intent names a request type`);
    }
    if (intent.kind !== 'incident' && intent.incident) {
      problems.push(`${file}: incident: only an incident intent has an incident answer`);
    }
  }
  problems.push(...exampleProblems(parts.intents));

  const started = new Set(parts.intents.filter((i) => i.value.kind === 'request').map((i) => i.value.requestType));
  for (const { file, value: rt } of parts.requestTypes) {
    if (rt.intake === 'everyone' && !started.has(rt.id) && parts.brokenIds.intents.size === 0) {
      problems.push(`${file}: id: no request intent starts "${rt.id}" (add intents/<id>.yaml with kind: request and requestType: ${rt.id})`);
    }
    problems.push(...notAllowedProblems(file, rt, parts.lookups.map((l) => l.value)));
    problems.push(...requestTypeProblems(file, rt, {
      lookupIds,
      lookups: parts.lookups.map((l) => l.value),
      precheckNames,
      integrationNames,
      placeholderProblem,
    }));
  }

  problems.push(...intakeProblems(parts.intents, parts.requestTypes));
  problems.push(...bundleProblems(parts.bundles, parts.requestTypes.map((r) => r.value), parts.lookups.map((l) => l.value)));

  for (const { file, value: lookup } of parts.lookups) {
    const seen = new Map<string, number>();
    lookup.items.forEach((item, i) => {
      const first = seen.get(item.value);
      if (first !== undefined) problems.push(`${file}: items.${i}.value: "${item.value}" is also items.${first}`);
      else seen.set(item.value, i);
      for (const leaf of item.when ? conditionLeaves(item.when, `items.${i}.when`) : []) {
        if (leaf.condition.field !== undefined) problems.push(`${file}: ${leaf.path}.field: a lookup item's condition may use profile, group or cost, not fields`);
      }
    });
  }
  return problems;
}

/** A name both refused and offered would be refused and chosen at once: caught at load. */
function notAllowedProblems(file: string, rt: RequestType, lookups: readonly Lookup[]): string[] {
  const problems: string[] = [];
  rt.fields.forEach((field, f) => {
    const options = field.options ?? lookups.find((l) => l.id === field.lookup)?.items ?? [];
    const folded = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();
    const offered = new Set(options.flatMap((o) => [o.value, o.label, ...o.synonyms]).map(folded));
    field.notAllowed?.forEach((entry, n) => entry.names.forEach((name, i) => {
      if (offered.has(folded(name))) problems.push(`${file}: fields.${f}.notAllowed.${n}.names.${i}: "${name}" is also an option of ${field.id}`);
    }));
  });
  return problems;
}

/**
 * A placeholder's problem, or undefined when it is fine. `fieldIds` are the fields a
 * template may name.
 */
function placeholderProblem(template: string, fieldIds: ReadonlySet<string>, options: { bundle: boolean } = { bundle: false }): string | undefined {
  for (const p of placeholdersIn(template)) {
    const [scope, key, extra, ...rest] = p.split('.');
    if (scope === 'fields') {
      if (key === undefined || !fieldIds.has(key)) return `{${p}} names no field of this request type`;
      if ((extra !== undefined && extra !== 'label') || rest.length > 0) return `{${p}}: only {fields.${key}} or {fields.${key}.label}`;
    } else if (scope === 'requester') {
      if (!(requesterKeys as readonly string[]).includes(key ?? '') || extra !== undefined) return `{${p}}: the requester has ${requesterKeys.join(', ')}`;
    } else if (scope === 'requestType') {
      if (!(requestTypeKeys as readonly string[]).includes(key ?? '') || extra !== undefined) return `{${p}}: the request type has ${requestTypeKeys.join(', ')}`;
    } else if (scope === 'bundle') {
      if (!options.bundle) return `{${p}}: only a request type with a bundle (bundle: { department, role }) uses {bundle.*}`;
      if (!(bundleKeys as readonly string[]).includes(key ?? '') || (extra !== undefined && !(key === 'hardware' && extra === 'label')) || rest.length > 0) return `{${p}}: the bundle has ${bundleKeys.join(', ')} and hardware.label`;
    } else {
      return `{${p}}: placeholders start with fields., requester., requestType. or bundle.`;
    }
  }
  return undefined;
}

/** Lower case, punctuation and extra spaces removed: how two examples are compared. */
export function normaliseUtterance(text: string): string {
  return text.toLowerCase().replace(/['\u2019]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function exampleProblems(intents: Array<Located<Intent>>): string[] {
  const problems: string[] = [];
  const owner = new Map<string, { intent: string; index: number }>();
  for (const { file, value: intent } of intents) {
    intent.examples.forEach((example, i) => {
      const key = normaliseUtterance(example);
      const first = owner.get(key);
      if (first === undefined) owner.set(key, { intent: intent.id, index: i });
      else if (first.intent === intent.id) problems.push(`${file}: examples.${i}: "${example}" repeats examples.${first.index}`);
      else problems.push(`${file}: examples.${i}: "${example}" is also an example of intent "${first.intent}"`);
    });
  }
  return problems;
}
