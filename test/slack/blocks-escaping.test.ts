import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, escapeMrkdwnLine } from '../../cards/blockkit/mrkdwn.js';
import { actionValue, chunk, fitBlocks, mrkdwn, paginate, plainText, SlackLimits, truncate, truncateMrkdwn, userMrkdwn } from '../../cards/blockkit/limits.js';
import { hasSlackControlSequence } from './blocks-shape.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['a channel broadcast', '<!channel> lunch is free', '&lt;!channel&gt; lunch is free'],
    ['a here broadcast', 'hey <!here>', 'hey &lt;!here&gt;'],
    ['a forged link', '<https://evil.example|click here>', '&lt;https://evil.example|click here&gt;'],
    ['a user mention', 'ping <@U123>', 'ping &lt;@U123&gt;'],
    ['a channel mention', 'see <#C999|general>', 'see &lt;#C999|general&gt;'],
    ['a subteam mention', '<!subteam^S123>', '&lt;!subteam^S123&gt;'],
    ['an ampersand', 'R&D <tools>', 'R&amp;D &lt;tools&gt;'],
    ['an already escaped entity', '&lt;!channel&gt;', '&amp;lt;!channel&amp;gt;'],
  ])('When the text holds %s, then it renders inert', (_name, input, expected) => {
    const escaped = escapeMrkdwn(input);
    expect(escaped).toBe(expected);
    expect(hasSlackControlSequence(escaped)).toBe(false);
  });

  it('When the text says @channel or @here without brackets, then the word is broken so link_names cannot broadcast', () => {
    const escaped = escapeMrkdwn('tell @channel and @HERE and @everyone');
    expect(escaped).not.toMatch(/@(channel|here|everyone)\b/i);
    expect(escaped.replace(/\u2060/g, '')).toBe('tell @channel and @HERE and @everyone');
  });

  it('When a label holds new lines, then it stays on one line', () => {
    expect(escapeMrkdwnLine('Cost\n<centre>\r\n1')).toBe('Cost &lt;centre&gt; 1');
  });
});

describe('Block Kit limits', () => {
  it('When text is longer than a limit, then it is cut with an ellipsis to exactly the limit', () => {
    const cut = truncate('x'.repeat(5000), SlackLimits.sectionText);
    expect(cut).toHaveLength(SlackLimits.sectionText);
    expect(cut.endsWith('…')).toBe(true);
    expect(truncate('short', 75)).toBe('short');
  });

  it('When a cut would split an emoji, then the whole emoji goes', () => {
    const cut = truncate(`${'a'.repeat(73)}😀😀`, 75);
    expect(cut.length).toBeLessThanOrEqual(75);
    expect(cut).toBe(`${'a'.repeat(73)}…`);
  });

  it('When escaped text is cut, then no half entity is left behind', () => {
    const escaped = escapeMrkdwn(`${'a'.repeat(2997)}<<<<`);
    const cut = truncateMrkdwn(escaped, 3000);
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).toMatch(/a…$/);
    const hostile = userMrkdwn(`${'b'.repeat(2995)}<!channel>`, 3000);
    expect(hasSlackControlSequence(hostile)).toBe(false);
    expect(hostile).not.toMatch(/&[a-z]*…$/);
  });

  it('When a text object would be empty, then it carries a dash (Slack refuses empty text)', () => {
    expect(plainText('   ', 75).text).toBe('-');
    expect(mrkdwn('').text).toBe('-');
  });

  it('When 60 items are paged by 25, then pages hold 25, 25 and 10 and a page past the end shows the last', () => {
    const items = Array.from({ length: 60 }, (_, i) => i + 1);
    expect(paginate(items, 1, 25)).toMatchObject({ page: 1, pages: 3, from: 1, to: 25, total: 60 });
    expect(paginate(items, 3, 25).items).toEqual(items.slice(50));
    expect(paginate(items, 9, 25)).toMatchObject({ page: 3, from: 51, to: 60 });
    expect(paginate([], 1, 25)).toMatchObject({ page: 1, pages: 1, from: 0, to: 0 });
    expect(chunk(items, 25).map((c) => c.length)).toEqual([25, 25, 10]);
  });

  it('When there are more blocks than allowed, then the tail becomes one note and the total is the limit', () => {
    const blocks: KnownBlock[] = Array.from({ length: 120 }, () => ({ type: 'divider' }));
    const fitted = fitBlocks(blocks, SlackLimits.blocksPerMessage);
    expect(fitted).toHaveLength(50);
    expect(JSON.stringify(fitted.at(-1))).toContain('71 more not shown');
    expect(fitBlocks(blocks.slice(0, 10), 50)).toHaveLength(10);
  });

  it('When an action value would pass 2000 characters, then it is refused rather than cut (a cut value could not parse back)', () => {
    expect(JSON.parse(actionValue({ fieldId: 'model', answer: 'macbook-air-13' }))).toEqual({ fieldId: 'model', answer: 'macbook-air-13' });
    expect(() => actionValue({ answer: 'x'.repeat(2000) })).toThrow(RangeError);
  });
});
