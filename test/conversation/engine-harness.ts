import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { Actions } from '../../src/messages/actions.js';
import type { Logger } from '../../src/shared/logger.js';
import { createConversationEngine, type FrontdoorConversationEngine } from '../../src/conversation/frontdoor-engine.js';
import { understandingFrom } from '../../src/conversation/nlu-understanding.js';
import type { Reply } from '../../src/messages/reply.js';
import type { Person } from '../../src/directory/person.js';
import type { IntentClassifier } from '../../src/nlu/intent-classifier.js';
import { trainIntentClassifier } from '../../src/nlu/intent-classifier.js';
import { extractFieldValues } from '../../src/nlu/extract-field-values.js';
import { buildTestDeps } from '../support/test-app.js';
import type { TestClock } from '../support/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

export { Actions };

export interface LoggedLine { level: 'error' | 'warn' | 'info' | 'debug'; detail: object; message: string }

const classifiers = new Map<string, IntentClassifier>();
/** A harness reopened on the same `dir` (a restart) finds the same database. */
const databases = new Map<string, TestDatabase>();

/** The real app pieces over a fresh database (test/support/test-database.ts), with the engine under test on top. */
export interface Harness {
  deps: Deps;
  engine: FrontdoorConversationEngine;
  logs: LoggedLine[];
  dir: string;
  /** The app's DATABASE_URL: a SQLite file in `dir`, or a Postgres database. */
  dbFile: string;
  person(email: string): Promise<Person>;
  /** A conversation of one person: type text or click a card action, get the replies. */
  chat(email: string, conversationId?: string): Chat;
  /** Closes the store (and the app's servers); the temporary files stay until `dispose`. */
  close(): Promise<void>;
  dispose(): Promise<void>;
}

export interface Chat {
  say(text: string): Promise<Reply[]>;
  click(actionId: string, values?: Record<string, unknown>): Promise<Reply[]>;
}

export async function openHarness(options: { dir?: string; catalogDir?: string; clock?: TestClock; dialogIdleMs?: number } = {}): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'frontdoor-engine-'));
  let database = databases.get(dir);
  if (!database) {
    database = await createTestDatabase(dir);
    databases.set(dir, database);
  }
  const dbFile = database.url;
  // The harness keeps the folder and database until `dispose`, so a reopened harness finds them.
  const { deps, config } = await buildTestDeps({ reuse: { dir, database }, ...(options.clock ? { clock: options.clock } : {}), ownClassifierCache: true, env: { CATALOG_DIR: options.catalogDir ?? '.' } });
  const catalogKey = options.catalogDir ?? '.';
  let classifier = classifiers.get(catalogKey);
  if (!classifier) {
    classifier = trainIntentClassifier(deps.catalog.intents.flatMap((i) => i.examples.map((text) => ({ text, intent: i.id }))));
    classifiers.set(catalogKey, classifier);
  }
  const logs: LoggedLine[] = [];
  const logger: Logger = {
    error: (detail, message) => logs.push({ level: 'error', detail, message }),
    warn: (detail, message) => logs.push({ level: 'warn', detail, message }),
    info: (detail, message) => logs.push({ level: 'info', detail, message }),
    debug: (detail, message) => logs.push({ level: 'debug', detail, message }),
  };
  const engine = createConversationEngine({
    catalog: deps.catalog,
    understanding: understandingFrom({ classifier, extractFieldValues }),
    directory: deps.directory,
    store: deps.store,
    lifecycle: deps.lifecycle,
    notifier: deps.notifier,
    clock: () => options.clock?.date() ?? new Date(),
    timeZone: config.TIME_ZONE,
    logger,
    fieldCipher: deps.lifecycleContext.fieldCipher,
    ...(options.dialogIdleMs !== undefined ? { dialogIdleMs: options.dialogIdleMs } : {}),
  });
  const person = async (email: string) => {
    const found = await deps.directory.findByEmail(email);
    if (!found) throw new Error(`${email} is not in the sample directory`);
    return found;
  };
  return {
    deps, engine, logs, dir, dbFile, person,
    chat(email, conversationId = `conv-${email}`) {
      return {
        say: async (text) => engine.handle({ channel: 'webchat', conversationId, person: await person(email), text }),
        click: async (id, values = {}) => engine.handle({ channel: 'webchat', conversationId, person: await person(email), action: { id, values: { action: id, ...values } } }),
      };
    },
    close: () => deps.close(),
    async dispose() {
      await deps.close().catch(() => undefined);
      if (!options.dir) {
        databases.delete(dir);
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Everything a person would read in the replies, as one string for `toContain` checks. */
export function readable(replies: Reply[]): string {
  return replies.map((r) => {
    switch (r.kind) {
      case 'text': return r.text;
      case 'question': return [r.prompt, r.error, r.value !== undefined ? `[value: ${JSON.stringify(r.value)}]` : undefined,
        r.input.type === 'choice' ? `options: ${r.input.options.map((o) => o.label).join(' | ')}` : undefined].filter(Boolean).join('\n');
      case 'choices': return `${r.text}\n${r.options.map((o) => o.label).join(' | ')}`;
      case 'summary': return `Summary ${r.title}\n${r.fields.map((f) => `${f.label}: ${f.value}`).join('\n')}${r.cost ? `\nCost: ${r.cost}` : ''}`;
      case 'status': return r.requests.length ? r.requests.map((l) => `${l.number} ${l.title} ${l.status} ${l.waitingOn}`).join('\n') : (r.emptyText ?? '');
      case 'approval': return `Approval ${r.requestNumber} ${r.title}`;
      case 'triage': return `Triage ${r.text}`;
    }
  }).join('\n');
}

export function question(replies: Reply[]): Extract<Reply, { kind: 'question' }> {
  const found = replies.find((r) => r.kind === 'question');
  expect(found, `expected a question in:\n${readable(replies)}`).toBeDefined();
  return found as Extract<Reply, { kind: 'question' }>;
}

export function summary(replies: Reply[]): Extract<Reply, { kind: 'summary' }> {
  const found = replies.find((r) => r.kind === 'summary');
  expect(found, `expected a summary in:\n${readable(replies)}`).toBeDefined();
  return found as Extract<Reply, { kind: 'summary' }>;
}

/** A step of a transcript: what the person types (or clicks) and what the bot must say. */
export type Step = [input: string | { click: string; values?: Record<string, unknown> }, expected: string | RegExp | ((replies: Reply[]) => void)];

export interface Transcript {
  name: string;
  person: string;
  steps: Step[];
  expected?: (h: Harness, replies: Reply[]) => Promise<void> | void;
}

export async function play(h: Harness, transcript: Transcript, conversationId?: string): Promise<Reply[]> {
  const chat = h.chat(transcript.person, conversationId ?? `conv-${transcript.name}`);
  let last: Reply[] = [];
  for (const [index, [input, expected]] of transcript.steps.entries()) {
    last = typeof input === 'string' ? await chat.say(input) : await chat.click(input.click, input.values);
    const said = readable(last);
    const where = `step ${index + 1} (${typeof input === 'string' ? JSON.stringify(input) : input.click}) got:\n${said}`;
    if (typeof expected === 'string') expect(said.toLowerCase(), where).toContain(expected.toLowerCase());
    else if (expected instanceof RegExp) expect(said, where).toMatch(expected);
    else expected(last);
  }
  await transcript.expected?.(h, last);
  return last;
}
