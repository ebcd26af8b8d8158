// Plays the conversation set (eval/conversations.yaml) over the Direct Line endpoint of the
// real app, as a new person would: the first message, then an answer to each question the
// bot asks (picked by what the question says), corrections at the summary, and Confirm.
// Prints every failure with its transcript, the success rate, the median and p90 user turns,
// and as its last line the figures as JSON.
// Usage: npm run eval:conversations -- [--file eval/conversations.yaml] [--only <name part>]
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { playConversation, type Played } from './eval/play-conversation.js';
import { conversationSetSchema } from './eval/conversation-set.js';
import { startE2E } from '../test/e2e/e2e-harness.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: 'eval/conversations.yaml' },
    only: { type: 'string' },
  },
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const set = conversationSetSchema.parse(parse(await readFile(args.file, 'utf8')));
  const conversations = args.only ? set.filter((c) => c.name.includes(args.only!)) : set;
  // Every conversation is a new web chat, so the token and request limits are raised for the run.
  const e = await startE2E({ env: { TOKEN_RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000', TURNS_PER_MINUTE: '10000' } });
  const played: Played[] = [];
  try {
    for (const conversation of conversations) played.push(await playConversation(e, conversation));
  } finally {
    await e.close();
  }

  const failures = played.filter((p) => !p.ok);
  for (const failure of failures) {
    console.log(`\nFAILED: ${failure.name} (${failure.turns} user turns)\n  why: ${failure.why}`);
    for (const line of failure.transcript) console.log(`  ${line}`);
  }
  const succeeded = played.length - failures.length;
  // Turns are counted on the conversations that reached their goal; a failure has no "turns to success".
  const turns = played
    .filter((p) => p.ok)
    .map((p) => p.turns)
    .sort((a, b) => a - b);
  const byKind = new Map<string, { ok: number; all: number }>();
  for (const p of played) {
    const k = byKind.get(p.kind) ?? { ok: 0, all: 0 };
    byKind.set(p.kind, { ok: k.ok + (p.ok ? 1 : 0), all: k.all + 1 });
  }
  console.log('\nby kind:');
  for (const [kind, k] of [...byKind].sort()) console.log(`  ${kind.padEnd(12)} ${k.ok}/${k.all}`);
  const successRate = played.length ? succeeded / played.length : 0;
  console.log(
    `\n${succeeded} of ${played.length} conversations succeeded (${(successRate * 100).toFixed(1)} %), median ${median(turns)} user turns, p90 ${percentile(turns, 90)}`,
  );
  console.log(
    JSON.stringify({
      conversations: played.length,
      succeeded,
      successRate: Number(successRate.toFixed(4)),
      medianTurns: median(turns),
      p90Turns: percentile(turns, 90),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
