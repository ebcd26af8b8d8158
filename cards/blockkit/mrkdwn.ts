/**
 * Slack parses `<...>` in mrkdwn as links, user and channel mentions and broadcasts
 * (`<!channel>`), so user text with angle brackets could ping a whole channel or dress up
 * a link. Escaping the three control characters Slack documents makes such text inert;
 * a word joiner after `@` keeps a bare `@channel` from becoming a broadcast under
 * `link_names`.
 */
const broadcastWords = /@(channel|here|everyone)\b/gi;
const wordJoiner = '\u2060';

export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(broadcastWords, `@${wordJoiner}$1`);
}

/** A single line of user text for a mrkdwn label: newlines would break the layout. */
export function escapeMrkdwnLine(text: string): string {
  return escapeMrkdwn(text.replace(/\s*[\r\n]+\s*/g, ' '));
}
