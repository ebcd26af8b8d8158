// Writes the Microsoft Teams app package (manifest.json, color.png, outline.png in one zip)
// for an administrator to upload. The manifest comes from scripts/teams-app/manifest.template.json
// with the bot's app id and Frontdoor's public address filled in; see docs/teams.md.
// Usage: MicrosoftAppId=<guid> PUBLIC_URL=https://frontdoor.example.com npm run teams:package -- [--out DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { teamsAppPackage, teamsManifest } from './teams-app/app-package.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version: frontdoorVersion } = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string };

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// address (Teams calls nothing else)' }).transform((url) => url.replace(/\/+$/, ''));

/** The settings the package is built from; the bot's password is never read here. */
const packageEnv = z.object({
  /** The Azure Bot's Microsoft app id (client id), the same the server runs with. */
  MicrosoftAppId: z.guid("must be the Azure Bot's Microsoft app id, a GUID"),
  /** Where Frontdoor is reached from the internet: the host Azure Bot's messaging endpoint names. */
  PUBLIC_URL: httpsUrl,
  /** The Teams app's own id; the bot's app id when unset. Keep it once the app is uploaded. */
  TEAMS_APP_ID: z.guid('must be a GUID').optional(),
  /** Raise it for every upload after the first: Teams refuses a package whose version it has. */
  TEAMS_APP_VERSION: z
    .string()
    .regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, 'must look like 1.0.0')
    .default(frontdoorVersion),
  TEAMS_DEVELOPER_NAME: z.string().trim().min(1).max(32).default('Frontdoor'),
  TEAMS_PRIVACY_URL: httpsUrl.optional(),
  TEAMS_TERMS_URL: httpsUrl.optional(),
});

const { values: args } = parseArgs({ options: { out: { type: 'string', default: resolve(repoRoot, 'build/teams') } } });

function main(): number {
  const parsed = packageEnv.safeParse(process.env);
  if (!parsed.success) {
    console.error('The Teams app package was not written:');
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.')}: ${issue.message}`);
    console.error('See docs/teams.md.');
    return 1;
  }
  const env = parsed.data;
  const manifest = teamsManifest({
    version: env.TEAMS_APP_VERSION,
    teamsAppId: env.TEAMS_APP_ID ?? env.MicrosoftAppId,
    botId: env.MicrosoftAppId,
    developerName: env.TEAMS_DEVELOPER_NAME,
    publicUrl: env.PUBLIC_URL,
    publicHost: new URL(env.PUBLIC_URL).host,
    privacyUrl: env.TEAMS_PRIVACY_URL ?? env.PUBLIC_URL,
    termsOfUseUrl: env.TEAMS_TERMS_URL ?? env.PUBLIC_URL,
  });
  const out = resolve(args.out);
  const zipPath = resolve(out, 'frontdoor-teams.zip');
  mkdirSync(out, { recursive: true });
  writeFileSync(zipPath, teamsAppPackage(manifest));
  console.log(
    `Wrote ${relative(process.cwd(), zipPath) || zipPath} (app ${String(manifest.id)}, version ${env.TEAMS_APP_VERSION}, bot ${env.MicrosoftAppId}, domain ${new URL(env.PUBLIC_URL).host}).`,
  );
  return 0;
}

process.exitCode = main();
