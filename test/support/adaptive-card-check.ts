import { createRequire } from 'node:module';

interface Event {
  event: number;
  message: string;
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: Event[] } };
  SerializationContext: new (targetVersion: unknown) => { eventCount: number; getEventAt(i: number): Event };
  Versions: { v1_5: unknown };
  ValidationEvent: Record<number, string>;
}
// The bundle, untyped: the package's declarations do not compile under this project's settings.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/** The Adaptive Card version Teams renders everywhere, desktop and mobile; no card may ask for more. */
const targetVersion = '1.5';

type Node = Record<string, unknown>;

/**
 * Everything Microsoft's Adaptive Cards library has against a card parsed as version 1.5
 * (unknown elements and actions, properties newer than 1.5, duplicate ids, required inputs
 * without a label or error message, ...), plus what it leaves out: a card declaring a newer
 * version, and ids repeated among actions or across a card and its Action.ShowCard cards.
 * Empty for a good card.
 */
export function adaptiveCardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const root = card as Node;
  if (root?.type !== 'AdaptiveCard') problems.push('the root is not an AdaptiveCard');
  if (typeof root?.version !== 'string' || !versionAtMost(root.version, targetVersion)) {
    problems.push(`version ${String(root?.version)} is not ${targetVersion} or earlier`);
  }
  const parsed = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, ctx);
  const events = [...Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i)), ...parsed.validateProperties().validationEvents];
  problems.push(...events.map((e) => `${AC.ValidationEvent[e.event] ?? 'Event'}: ${e.message}`));
  problems.push(...duplicateIds(card).map((id) => `id "${id}" is used more than once`));
  return [...new Set(problems)];
}

function versionAtMost(version: string, most: string): boolean {
  const [major = NaN, minor = NaN] = version.split('.').map(Number);
  const [mostMajor = 0, mostMinor = 0] = most.split('.').map(Number);
  return major < mostMajor || (major === mostMajor && minor <= mostMinor);
}

/** Ids of elements and actions (anything with a `type`), counted over the whole card; `data` payloads are not card content. */
function duplicateIds(card: unknown): string[] {
  const seen = new Map<string, number>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (typeof n.type === 'string' && typeof n.id === 'string') seen.set(n.id, (seen.get(n.id) ?? 0) + 1);
    for (const [key, value] of Object.entries(n)) if (key !== 'data') walk(value);
  };
  walk(card);
  return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
}
