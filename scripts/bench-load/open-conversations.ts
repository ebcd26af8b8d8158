import type { BenchDatabase } from './bench-databases.js';
import type { PostedMessage } from './fake-slack-web-api.js';
import { nextStep, openingLine } from './laptop-conversation.js';
import { signingSecret } from './run-configuration.js';
import { startServerProcess } from './server-process.js';
import { dmEnvelope, sendDm } from './slack-events.js';

export interface OpenConversationsResult {
  conversations: number;
  /** Conversations whose first question was posted (the dialog is open and waiting). */
  open: number;
  seconds: number;
  rssMb: number;
  peakRssMb: number;
}

/**
 * Opens `count` conversations on one fresh SQLite server (the first message from `count`
 * different Slack users, each in their own DM, each answered with the form's first
 * question) and reads the server's memory with all of them open. Closed loop with a few
 * in flight: this measures memory, not latency.
 */
export async function openConversations(input: {
  count: number;
  concurrency: number;
  database: BenchDatabase;
  slackApiUrl: string;
  setPostHandler(handler: { onPost(message: PostedMessage): void } | undefined): void;
  log(line: string): void;
}): Promise<OpenConversationsResult> {
  const waiting = new Map<string, () => void>();
  input.setPostHandler({
    onPost(message) {
      if (nextStep(message).kind === 'say') waiting.get(message.channel)?.();
    },
  });
  const server = await startServerProcess({
    env: {
      SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: input.slackApiUrl, SLACK_API_RETRIES: '0',
      LOG_LEVEL: 'warn', DATABASE_URL: input.database.url, NLU_CACHE_DIR: 'data/nlu-cache',
    },
    onOutput: (text) => input.log(`  [10k] ${text.slice(0, 300)}`),
  });
  const started = performance.now();
  let next = 0;
  let open = 0;
  try {
    const worker = async () => {
      while (next < input.count) {
        const n = next++;
        const user = `UK${n}`;
        const answered = new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => { waiting.delete(`D${user}`); resolve(false); }, 30_000);
          waiting.set(`D${user}`, () => { clearTimeout(timer); waiting.delete(`D${user}`); resolve(true); });
        });
        const ack = await sendDm(server.url, signingSecret, dmEnvelope(`EvK${n}`, user, `D${user}`, openingLine));
        if (ack.status === 200 && await answered) open += 1;
        if ((n + 1) % 2000 === 0) input.log(`  10k: ${n + 1} sent, ${open} open, RSS ${Math.round(server.rssMb() ?? 0)} MB`);
      }
    };
    await Promise.all(Array.from({ length: input.concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    return { conversations: input.count, open, seconds: Math.round(seconds), rssMb: Math.round(server.rssMb() ?? 0), peakRssMb: Math.round(server.peakRssMb() ?? 0) };
  } finally {
    input.setPostHandler(undefined);
    await server.stop();
    await input.database.drop();
  }
}
