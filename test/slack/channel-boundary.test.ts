import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const slackDir = join(root, 'src/channels/slack');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file imports, as paths from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => relative(root, resolve(file, '..', m[1]!)).replace(/\.js$/, '.ts'));
}

describe('The Slack channel and the domain', () => {
  it('When the Slack channel needs the request domain, then it goes through the RequestLifecycle interface only', () => {
    const reaching = sources(slackDir).flatMap((file) => importsOf(file)
      .filter((target) => target.startsWith('src/requests/') && target !== 'src/requests/request-lifecycle.ts')
      .map((target) => `${relative(root, file)} -> ${target}`));
    expect(reaching).toEqual([]);
  });
});
