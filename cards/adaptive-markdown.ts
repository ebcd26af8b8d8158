import type { CardJson } from './card-template.js';

/**
 * Characters that start inline markdown or HTML in an Adaptive Card TextBlock, a fact and
 * Web Chat's message text: links and images (no `[...]`, no `![...]`), autolinks and raw
 * HTML (`<`), entities, emphasis, code and tables. Escaped with a backslash they render as themselves, so a
 * justification cannot become a disguised link or a remote image (a tracking beacon) in the
 * approver's card. Line starts (lists) are left alone: they cannot fetch or hide anything.
 */
const inlineMarkup = /[\\`*_[\]<>&~|]/g;

/**
 * Where linkify would turn an address into a link (`https://...`, `www....`): a word joiner
 * (U+2060, invisible) after the scheme's colon or the `www` keeps it readable but not
 * clickable, so no user text becomes a link to follow from a card.
 */
const linkable = /(\b[a-z][a-z0-9+.-]*:(?=\/\/)|\bwww(?=\.))/gi;

export function escapeMarkdown(text: string): string {
  return text.replace(inlineMarkup, (c) => `\\${c}`).replace(linkable, '$1\u2060');
}

/**
 * A card's texts made inert: every TextBlock's text and every fact's title and value. Cards
 * are rendered from data only, so nothing in a card is meant as markup; TextRuns (never
 * parsed as markdown), input values and action data are left as they are.
 */
export function escapeCardText(card: CardJson): CardJson {
  return walk(card) as CardJson;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  if (!value || typeof value !== 'object') return value;
  const node = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)])) as Record<string, unknown>;
  if (node.type === 'TextBlock' && typeof node.text === 'string') node.text = escapeMarkdown(node.text);
  if (node.type === 'FactSet' && Array.isArray(node.facts)) {
    node.facts = node.facts.map((fact: unknown) => {
      if (!fact || typeof fact !== 'object') return fact;
      const f = fact as Record<string, unknown>;
      return { ...f, ...(typeof f.title === 'string' ? { title: escapeMarkdown(f.title) } : {}), ...(typeof f.value === 'string' ? { value: escapeMarkdown(f.value) } : {}) };
    });
  }
  return node;
}
