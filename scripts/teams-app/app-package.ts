import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { colorIcon, outlineIcon } from './icons.js';

/** What the manifest template's `{{name}}` placeholders are filled with. */
export interface AppPackageValues {
  version: string;
  teamsAppId: string;
  botId: string;
  developerName: string;
  publicUrl: string;
  publicHost: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

const placeholder = /\{\{(\w+)\}\}/g;

/**
 * The manifest: the template with every placeholder filled. Values go into the parsed JSON's
 * strings, never into its text, so no value can change the manifest's structure.
 */
export function teamsManifest(values: AppPackageValues): Record<string, unknown> {
  const template: unknown = JSON.parse(readFileSync(new URL('./manifest.template.json', import.meta.url), 'utf8'));
  return fill(template, values) as Record<string, unknown>;
}

/** The app package Teams takes: manifest.json and the two icons it names, at the zip's top level. */
export function teamsAppPackage(manifest: Record<string, unknown>): Uint8Array {
  // A fixed time stamp: the same settings give the same zip, byte for byte.
  return zipSync(
    {
      'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
      'color.png': colorIcon(),
      'outline.png': outlineIcon(),
    },
    { level: 9, mtime: new Date('2020-01-01T00:00:00Z') },
  );
}

function fill(node: unknown, values: AppPackageValues): unknown {
  if (typeof node === 'string') {
    return node.replace(placeholder, (_, name: string) => {
      if (!Object.hasOwn(values, name)) throw new Error(`The manifest template names {{${name}}}, which the packaging script does not know`);
      return values[name as keyof AppPackageValues];
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values)]));
  return node;
}
