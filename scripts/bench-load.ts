/**
 * `npm run bench:load`: the Slack message path under an open-loop load, on SQLite (one
 * process) and on Postgres (one and two replicas), against a bare Fastify route driven by
 * the same generator; then the memory of one process with 10,000 open conversations.
 * Every configuration ramps its arrival rate in steps (x --factor) until the server stops
 * keeping up (something lost, a conversation unfinished, reply p99 over --max-reply-p99-ms, or
 * under 90 % of the offered messages handled) and reports the highest step it kept up with,
 * with that step's ack p99 checked against 50 ms separately (a busy shared machine can miss
 * it long before throughput runs out). `--fixed` runs one step at `--rate` instead. The last
 * line printed is one JSON object with all figures.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDirectory } from '../src/directory/file-directory.js';
import { postgresDatabase, sqliteDatabase } from './bench-load/bench-databases.js';
import { summariseProfiles } from './bench-load/cpu-profile-summary.js';
import { FakeSlackWebApi, type PostedMessage } from './bench-load/fake-slack-web-api.js';
import { loadAverage, round } from './bench-load/latency-stats.js';
import { openConversations, type OpenConversationsResult } from './bench-load/open-conversations.js';
import { runConfiguration, type Configuration, type ConfigurationResult, type RampSettings } from './bench-load/run-configuration.js';

const { values: flags } = parseArgs({
  options: {
    rate: { type: 'string', default: '2' },
    'bare-rate': { type: 'string', default: '200' },
    factor: { type: 'string', default: '1.5' },
    'max-steps': { type: 'string', default: '12' },
    'step-seconds': { type: 'string', default: '5' },
    'grace-seconds': { type: 'string', default: '10' },
    'max-reply-p99-ms': { type: 'string', default: '1000' },
    fixed: { type: 'boolean', default: false },
    duration: { type: 'string' },
    conversations: { type: 'string', default: '10000' },
    only: { type: 'string', default: 'bare,sqlite,pg1,pg2,10k' },
    profile: { type: 'boolean', default: false },
    'pg-admin': { type: 'string', default: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});

const number = (name: keyof typeof flags, value: string | boolean | undefined) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${String(name)} must be a number`);
  return n;
};
const only = new Set(String(flags.only).split(','));
const stepSeconds = number('step-seconds', flags.duration ?? flags['step-seconds']);
const settings = (startRate: number): RampSettings => ({
  startRate, factor: number('factor', flags.factor), maxSteps: number('max-steps', flags['max-steps']), stepSeconds,
  graceMs: number('grace-seconds', flags['grace-seconds']) * 1000, maxAckP99Ms: 50,
  maxReplyP99Ms: number('max-reply-p99-ms', flags['max-reply-p99-ms']), fixed: Boolean(flags.fixed),
});

const log = (line: string) => console.log(line);
const emails = parseDirectory('people.yaml', readFileSync(new URL('../integrations/sample-directory/people.yaml', import.meta.url), 'utf8')).map((p) => p.email);
// Slack users map round-robin onto the directory by the number their id ends with; `UP<i>`
// is how users.lookupByEmail names person i (approvers get their cards in `DUP<i>`).
let handler: { onPost(message: PostedMessage): void } | undefined;
const slack = new FakeSlackWebApi({
  emailOf: (id) => { const n = /(\d+)$/.exec(id)?.[1]; return n === undefined ? undefined : emails[Number(n) % emails.length]; },
  userOf: (email) => { const i = emails.indexOf(email.toLowerCase()); return i < 0 ? undefined : `UP${i}`; },
  onPost: (message) => handler?.onPost(message),
});
await slack.start();
const profileDir = flags.profile ? mkdtempSync(join(tmpdir(), 'frontdoor-bench-prof-')) : undefined;
const env = { slackApiUrl: slack.url, setPostHandler: (h: typeof handler) => { handler = h; }, log, ...(profileDir ? { profileDir } : {}) };
const pgAdmin = String(flags['pg-admin']);

const configurations: Array<Configuration & { key: string; startRate: number }> = [
  { key: 'bare', name: 'bare-fastify', replicas: 1, fullPath: false, database: async () => ({ url: '', drop: async () => undefined }), startRate: number('bare-rate', flags['bare-rate']) },
  { key: 'sqlite', name: 'sqlite-1', replicas: 1, fullPath: true, database: async () => sqliteDatabase(), startRate: number('rate', flags.rate) },
  { key: 'pg1', name: 'postgres-1', replicas: 1, fullPath: true, database: () => postgresDatabase(pgAdmin), startRate: number('rate', flags.rate) },
  { key: 'pg2', name: 'postgres-2', replicas: 2, fullPath: true, database: () => postgresDatabase(pgAdmin), startRate: number('rate', flags.rate) },
];

const loadBefore = await loadAverage();
log(`bench:load on ${(await import('node:os')).cpus().length} cores, load average ${loadBefore.join(' ')}; `
  + `${flags.fixed ? `one ${stepSeconds} s step at the start rate` : `ramping x${flags.factor} in ${stepSeconds} s steps`}`);
const results = new Map<string, ConfigurationResult>();
const loadDuring = new Map<string, number[]>();
for (const config of configurations.filter((c) => only.has(c.key))) {
  log(`== ${config.name} (${config.replicas} process${config.replicas > 1 ? 'es' : ''})`);
  try {
    results.set(config.key, await runConfiguration(config, settings(config.startRate), env));
    loadDuring.set(config.key, await loadAverage());
  } catch (error) {
    log(`  ${config.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let tenK: OpenConversationsResult | undefined;
const conversations = number('conversations', flags.conversations);
if (only.has('10k') && conversations > 0) {
  log(`== ${conversations} open conversations on one SQLite process`);
  try {
    tenK = await openConversations({ count: conversations, concurrency: 16, database: sqliteDatabase(), slackApiUrl: slack.url, setPostHandler: env.setPostHandler, log });
    log(`  ${tenK.open} of ${tenK.conversations} open after ${tenK.seconds} s: RSS ${tenK.rssMb} MB (peak ${tenK.peakRssMb} MB)`);
  } catch (error) {
    log(`  failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
await slack.stop();

const best = (key: string) => results.get(key)?.best;
const sqlite = best('sqlite');
// The baseline's own ceiling is where its acks start queueing, not where the generator gives out.
const bare = results.get('bare')?.bestWithinAckTarget;
const pg1 = best('pg1');
const pg2 = best('pg2');
const allSteps = [...results.values()].flatMap((r) => r.steps);
const summary = {
  mode: flags.fixed ? 'fixed' : 'ramp',
  stepSeconds,
  messagesPerSecond: sqlite?.messagesPerSecond ?? 0,
  bareFastifyPerSecond: bare?.messagesPerSecond ?? 0,
  ratio: sqlite && bare ? round(sqlite.messagesPerSecond / bare.messagesPerSecond, 3) : 0,
  ackP50Ms: sqlite?.ackP50Ms ?? null,
  ackP99Ms: sqlite?.ackP99Ms ?? null,
  replyP50Ms: sqlite?.replyP50Ms ?? null,
  replyP99Ms: sqlite?.replyP99Ms ?? null,
  lost: [sqlite, pg1, pg2].reduce((sum, s) => sum + (s?.lost ?? 0), 0),
  lostInAnyStep: allSteps.reduce((sum, s) => sum + s.lost, 0),
  duplicated: allSteps.reduce((sum, s) => sum + s.duplicated, 0),
  duplicatedNotifications: allSteps.reduce((sum, s) => sum + s.duplicatedNotifications, 0),
  rssMb: results.get('sqlite')?.peakRssMb[0] ?? null,
  sqliteWithinAckTargetPerSecond: results.get('sqlite')?.bestWithinAckTarget?.messagesPerSecond ?? 0,
  postgres1PerSecond: pg1?.messagesPerSecond ?? 0,
  postgres2PerSecond: pg2?.messagesPerSecond ?? 0,
  postgres2ToSqlite: pg2 && sqlite ? round(pg2.messagesPerSecond / sqlite.messagesPerSecond, 3) : 0,
  postgres1AckP99Ms: pg1?.ackP99Ms ?? null,
  postgres2AckP99Ms: pg2?.ackP99Ms ?? null,
  postgres2RssMb: results.get('pg2')?.peakRssMb ?? null,
  rss10kConversationsMb: tenK?.rssMb ?? null,
  conversationsOpen: tenK?.open ?? null,
  loadAverageBefore: loadBefore,
  loadAverageAfter: Object.fromEntries(loadDuring),
};
const goals = {
  fullPathQuarterOfBare: summary.ratio >= 0.25 && (summary.ackP99Ms ?? Infinity) < 50 && summary.lost === 0,
  fullPathQuarterOfBareWithinAckTarget: bare ? summary.sqliteWithinAckTargetPerSecond / bare.messagesPerSecond >= 0.25 : false,
  twoReplicasFourFifthsOfSqlite: summary.postgres2ToSqlite >= 0.8,
  rssUnder300MbWith10k: summary.rss10kConversationsMb !== null && summary.rss10kConversationsMb < 300,
};
log(`goals: ${JSON.stringify(goals)}`);
if (profileDir) {
  for (const config of results.keys()) {
    const name = configurations.find((c) => c.key === config)!.name;
    for (const profile of summariseProfiles(join(profileDir, name))) {
      log(`== CPU profile ${name} ${profile.file}: busy ${profile.busyPercent} %`);
      log(`  modules: ${profile.topModules.map((m) => `${m.name} ${m.percent}%`).join(', ')}`);
      for (const f of profile.topFunctions) log(`  ${String(f.percent).padStart(5)}%  ${f.name}`);
    }
  }
}
console.log(JSON.stringify({ ...summary, goals }));
