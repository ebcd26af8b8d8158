import type { Person } from '../directory/person.js';
import type { RequestType } from './schema.js';

const PLACEHOLDER = /\{([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*)\}/g;

/** The requester keys a template may use, e.g. `{requester.email}`. */
export const requesterKeys = ['email', 'name', 'department', 'title', 'role', 'location', 'costCentre', 'managerEmail'] as const;
export const requestTypeKeys = ['id', 'title'] as const;
/** `{bundle.<key>}` (and `{bundle.hardware.label}`) for a request type with a bundle. */
export const bundleKeys = ['title', 'groups', 'accounts', 'hardware'] as const;

/** A bundle as templates read it: lists as comma-separated text, hardware with its label. */
export interface BundleView {
  title: string;
  groups: string;
  accounts: string;
  hardware: string;
  hardwareLabel: string;
}

export interface InterpolationInputs {
  requester: Person;
  fields: Record<string, unknown>;
  requestType?: RequestType;
  /** The access bundle of the answers, when the request type has one. */
  bundle?: BundleView;
  /** The label of a chosen option, for `{fields.x.label}`. */
  labelOf(fieldId: string, value: string): string | undefined;
}

/**
 * Fills `{fields.x}` (the stored value: what an integration needs), `{fields.x.label}`
 * (the chosen option's label: what a person reads), `{requester.<key>}` and
 * `{requestType.id|title}`. A missing answer becomes empty text; an unknown placeholder
 * is left as written (the loader refuses those in catalog files).
 */
export function interpolate(template: string, inputs: InterpolationInputs): string {
  return template.replace(PLACEHOLDER, (whole, path: string) => {
    const [scope, key, extra] = path.split('.');
    if (scope === 'fields' && key !== undefined) {
      const value = inputs.fields[key];
      if (extra === 'label') return render(value, (v) => inputs.labelOf(key, v) ?? v);
      if (extra === undefined) return render(value, (v) => v);
      return whole;
    }
    if (scope === 'requester' && key !== undefined && extra === undefined && (requesterKeys as readonly string[]).includes(key)) {
      return String(inputs.requester[key as (typeof requesterKeys)[number]] ?? '');
    }
    if (scope === 'requestType' && inputs.requestType && extra === undefined && (requestTypeKeys as readonly string[]).includes(key ?? '')) {
      return inputs.requestType[key as (typeof requestTypeKeys)[number]];
    }
    if (scope === 'bundle' && inputs.bundle && (bundleKeys as readonly string[]).includes(key ?? '')) {
      if (key === 'hardware' && extra === 'label') return inputs.bundle.hardwareLabel;
      if (extra === undefined) return inputs.bundle[key as (typeof bundleKeys)[number]];
    }
    return whole;
  });
}

function render(value: unknown, each: (v: string) => string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => each(String(v))).join(', ');
  return each(String(value));
}

/** The placeholders a template uses, as dotted paths (for the loader's checks). */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
