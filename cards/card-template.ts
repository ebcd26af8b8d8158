import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Actions } from '../src/messages/actions.js';

interface TemplatingModule {
  Template: new (payload: unknown) => { expand(context: { $root: unknown }): unknown };
}

// Loaded untyped: the package's declarations pull in adaptivecards' TypeScript sources,
// which do not compile under this project's settings.
const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as TemplatingModule;

export type CardJson = Record<string, unknown>;

const templates = new Map<string, CardJson>();

/** The `adaptive.json` template of a card folder, read once. */
function template(card: string): CardJson {
  let found = templates.get(card);
  if (!found) {
    found = JSON.parse(readFileSync(new URL(`./${card}/adaptive.json`, import.meta.url), 'utf8')) as CardJson;
    templates.set(card, found);
  }
  return found;
}

/**
 * Expands a card's Adaptive Card template with its data. The shared action ids are always
 * bound as `actions`, so templates never spell an id themselves. Nulls stand for "absent"
 * in card data (the templating engine leaves unbound expressions in place), so they are
 * dropped from the result.
 */
export function expandAdaptive(card: string, data: Record<string, unknown>): CardJson {
  const expanded: unknown = new Template(template(card)).expand({ $root: { ...data, actions: Actions } });
  return dropNulls(expanded) as CardJson;
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(dropNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v)]));
  }
  return value;
}
