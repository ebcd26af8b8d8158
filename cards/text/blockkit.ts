import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../src/messages/reply.js';
import { section } from '../blockkit/block-builders.js';
import { fitBlocks, SlackLimits } from '../blockkit/limits.js';
import { escapeMrkdwn } from '../blockkit/mrkdwn.js';
import { textCardData } from './index.js';

type TextReply = Extract<Reply, { kind: 'text' }>;

/** Plain text, escaped, in as many sections as it needs (split at line ends where it can). */
export function textBlocks(reply: TextReply): KnownBlock[] {
  const text = escapeMrkdwn(String(textCardData(reply).text));
  return fitBlocks(splitText(text, SlackLimits.sectionText).map(section), SlackLimits.blocksPerMessage);
}

function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    // Never cut inside an escaped entity such as &amp;.
    let cut = at > max / 2 ? at : max;
    const amp = window.lastIndexOf('&', cut);
    if (amp >= 0 && amp > cut - 5 && !window.slice(amp, cut).includes(';')) cut = amp;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length || parts.length === 0) parts.push(rest);
  return parts;
}
