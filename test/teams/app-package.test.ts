import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const botId = '8f0c5a2e-3b1d-4c7a-9e6f-2a4b6c8d0e1f';
const out = mkdtempSync(join(tmpdir(), 'frontdoor-teams-package-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** `npm run teams:package` as an administrator runs it, with only the given environment. */
function teamsPackage(env: Record<string, string>, dir = out) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/teams-package.ts', '--out', dir], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, zip: join(dir, 'frontdoor-teams.zip') };
}

/** The manifest schema of the manifest's version, from the files @microsoft/app-manifest bundles (no network). */
function bundledSchema(manifestVersion: string): object {
  const file = createRequire(import.meta.url).resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

type Manifest = Record<string, unknown> & {
  manifestVersion: string;
  bots: Array<{ botId: string; scopes: string[]; supportsFiles: boolean; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
};
const readManifest = (files: Record<string, Uint8Array>) => JSON.parse(new TextDecoder().decode(files['manifest.json'] ?? new Uint8Array())) as Manifest;

interface Png {
  width: number;
  height: number;
  colourType: number;
  pixels: Buffer;
}

/** Decodes an 8-bit, non-interlaced PNG: enough to check what Teams checks in an icon. */
function decodePng(file: Uint8Array): Png {
  const data = Buffer.from(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let width = 0,
    height = 0,
    colourType = -1;
  const idat: Buffer[] = [];
  for (let at = 8; at < data.length;) {
    const length = data.readUInt32BE(at);
    const type = data.toString('ascii', at + 4, at + 8);
    const body = data.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect(body[8]).toBe(8);
      colourType = body[9]!;
      expect(body[12]).toBe(0);
    }
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  expect(channels, 'RGB or RGBA').toBeGreaterThan(0);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    expect(filter, 'a PNG row filter').toBeLessThanOrEqual(4);
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const paeth = () => {
        const p = a + b - c,
          pa = Math.abs(p - a),
          pb = Math.abs(p - b),
          pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predicted = [0, a, b, (a + b) >> 1, paeth()][filter]!;
      pixels[y * stride + i] = (x + predicted) & 0xff;
    }
  }
  return { width, height, colourType, pixels };
}

describe('npm run teams:package', () => {
  let run: ReturnType<typeof teamsPackage>;
  let files: Record<string, Uint8Array>;
  let manifest: Manifest;
  beforeAll(() => {
    run = teamsPackage({ MicrosoftAppId: botId, PUBLIC_URL: 'https://frontdoor.example.com/' });
    files = existsSync(run.zip) ? unzipSync(readFileSync(run.zip)) : {};
    manifest = readManifest(files);
  });

  it('When the bot id and public address are set, then it writes a zip of manifest.json and the two icons', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('frontdoor-teams.zip');
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('When the manifest is checked offline against its schema bundled in @microsoft/app-manifest, then it is valid, for schema 1.17 or later', async () => {
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(17);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    const schema = bundledSchema(manifest.manifestVersion);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never)).toEqual([]);
    // The schema catches a slip, so the empty list above means something.
    const slipped = { ...manifest, bots: [{ ...manifest.bots[0], scopes: ['personal', 'everyone'] }] };
    expect(await AppManifestUtils.validateAgainstSchema(slipped as never, schema as never)).toEqual([expect.stringContaining('/bots/0/scopes/1')]);
  });

  it("When Teams reads the manifest, then it finds the bot, its scopes and commands, and Frontdoor's domain", () => {
    expect(manifest).toMatchObject({ id: botId, icons: { color: 'color.png', outline: 'outline.png' }, validDomains: ['frontdoor.example.com'] });
    expect(manifest.developer).toMatchObject({
      websiteUrl: 'https://frontdoor.example.com',
      privacyUrl: 'https://frontdoor.example.com',
      termsOfUseUrl: 'https://frontdoor.example.com',
    });
    const [bot] = manifest.bots;
    expect(manifest.bots).toHaveLength(1);
    expect(bot).toMatchObject({ botId, supportsFiles: false });
    expect([...bot!.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const commands = ['new request', 'status', 'my requests', 'my approvals', 'help'];
    for (const scope of ['personal', 'team']) {
      expect(bot!.commandLists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title)).toEqual(commands);
    }
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{|\}\}/);
  });

  it('When Teams checks the icons, then the colour one is 192x192 and the outline one 32x32, white on transparent', () => {
    const colour = decodePng(files['color.png']!);
    expect([colour.width, colour.height]).toEqual([192, 192]);
    const outline = decodePng(files['outline.png']!);
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    let drawn = 0,
      transparent = 0,
      coloured = 0;
    for (let p = 0; p < outline.pixels.length; p += 4) {
      const [r, g, b, alpha] = outline.pixels.subarray(p, p + 4);
      if (alpha === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) drawn++;
      else coloured++;
    }
    expect(coloured).toBe(0);
    expect(drawn).toBeGreaterThan(30);
    expect(transparent).toBeGreaterThan((32 * 32) / 2);
  });

  it('When the Teams app id, version and developer are set, then the manifest carries them and still names the bot', () => {
    const dir = mkdtempSync(join(out, 'own-'));
    const appId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const own = teamsPackage(
      {
        MicrosoftAppId: botId,
        PUBLIC_URL: 'https://it.example.org:8443/frontdoor',
        TEAMS_APP_ID: appId,
        TEAMS_APP_VERSION: '1.2.3',
        TEAMS_DEVELOPER_NAME: 'Example IT',
        TEAMS_PRIVACY_URL: 'https://example.org/privacy',
      },
      dir,
    );
    expect(own.status, own.stderr).toBe(0);
    const written = readManifest(unzipSync(readFileSync(own.zip)));
    expect(written).toMatchObject({
      id: appId,
      version: '1.2.3',
      developer: { name: 'Example IT', websiteUrl: 'https://it.example.org:8443/frontdoor', privacyUrl: 'https://example.org/privacy' },
      validDomains: ['it.example.org:8443'],
    });
    expect(written.bots[0]!.botId).toBe(botId);
  });

  it('When the bot id is missing or the address is not https, then nothing is written and the message names each setting, without a stack trace', () => {
    const dir = mkdtempSync(join(out, 'refused-'));
    const refused = teamsPackage({ PUBLIC_URL: 'http://frontdoor.example.com', TEAMS_APP_VERSION: 'latest' }, dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('MicrosoftAppId:');
    expect(refused.stderr).toContain('PUBLIC_URL: must be an https:// address');
    expect(refused.stderr).toContain('TEAMS_APP_VERSION:');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(refused.zip)).toBe(false);
  });
});
