import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { adaptiveCardFor, renderAdaptive } from '../../cards/render-adaptive.js';
import type { Reply } from '../../src/messages/reply.js';

interface MarkdownIt { render(text: string): string }
// Web Chat renders TextBlocks, facts and message text with markdown-it, HTML and linkify on.
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options: object) => MarkdownIt;
const webChatMarkdown = new MarkdownIt({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

const phishing = 'Please [reset your password here](https://evil.example/login) now';
const beacon = 'Delivery to desk 4 ![](https://tracker.example/pixel.gif)';
const html = 'Urgent <img src="https://tracker.example/p.gif"> <a href="https://evil.example">payroll</a>';
const hostile = [phishing, beacon, html, '**bold** _it_ `code` ~~gone~~ | a | b |', '&lt;script&gt;'];

/** Every piece of text in a card that Web Chat renders as markdown, rendered to HTML. */
function renderedTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(renderedTexts);
  if (!value || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own = node.type === 'TextBlock' && typeof node.text === 'string' ? [node.text] : [];
  const facts = node.type === 'FactSet' && Array.isArray(node.facts) ? (node.facts as Array<{ title: string; value: string }>).flatMap((f) => [f.title, f.value]) : [];
  return [...own, ...facts].map((t) => webChatMarkdown.render(t)).concat(Object.values(node).flatMap(renderedTexts));
}

function expectInert(renderedHtml: string[], originals: string[]): void {
  // The word joiners that keep addresses from being linked are invisible.
  const all = renderedHtml.join('\n').replace(/\u2060/g, '').replace(/[“”]/g, '&quot;');
  expect(all).not.toMatch(/<a\s/);
  expect(all).not.toMatch(/<img\s/);
  expect(all).not.toMatch(/<(strong|em|code|s|table)>/);
  // Each text is still readable as the employee typed it (HTML-escaped by the renderer).
  for (const original of originals) expect(all).toContain(original.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
}

describe('User text in web chat cards and messages is inert', () => {
  it('When a justification or an address holds a link, an image or HTML, then the approver card shows it as text: no link, no image', () => {
    const reply: Reply = {
      kind: 'approval', approvalId: 'a-1', requestNumber: 'REQ-7', title: 'Laptop', requester: 'Ethan Brooks', risk: 'low', reason: 'You are the manager',
      summary: hostile.map((value, i) => ({ label: `Field ${i}`, value })),
    };
    expectInert(renderedTexts(adaptiveCardFor(reply)), hostile);
  });

  it('When the summary and the agent triage card show answers and the message, then nothing in them renders as markup', () => {
    const summary: Reply = { kind: 'summary', title: 'Laptop', requestTypeId: 'request-laptop', fields: hostile.map((value, i) => ({ fieldId: `f${i}`, label: `Field ${i}`, value })), notes: [] };
    const triage: Reply = { kind: 'triage', triageId: 't-1', requester: 'Ethan Brooks', text: phishing, transcript: [`Employee: ${beacon}`, `Employee: ${html}`], candidates: [] };
    expectInert(renderedTexts(adaptiveCardFor(summary)), hostile);
    expectInert(renderedTexts(adaptiveCardFor(triage)), [phishing, `Employee: ${beacon}`, `Employee: ${html}`]);
  });

  it('When a plain message carries user text (a relay from an agent or employee), then it renders as text too', () => {
    const { text } = renderAdaptive({ kind: 'text', text: `Agent: ${phishing} ${beacon}` });
    expectInert([webChatMarkdown.render(text!)], [`Agent: ${phishing} ${beacon}`]);
  });
});
