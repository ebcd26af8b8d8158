import { FakeSlackWebApi, type PostedMessage } from '../../scripts/bench-load/fake-slack-web-api.js';
import { nextStep, openingLine } from '../../scripts/bench-load/laptop-conversation.js';
import { startServerProcess, type ServerProcess } from '../../scripts/bench-load/server-process.js';
import { dmEnvelope, sendDm } from '../../scripts/bench-load/slack-events.js';

export const signingSecret = 'replica-test-signing-secret';

/** One Events API event and what became of it. */
export interface StreamEvent {
  id: string;
  conversation: number;
  text: string;
  /** Each delivery: which replica, its HTTP status (0: no answer), Slack's retry number. */
  deliveries: Array<{ replica: number; status: number; retryNum?: number }>;
  /** The replica whose 200 Slack got, if any. */
  ackedBy?: number;
  /** chat.postMessage texts in the conversation's DM while this was its latest event. */
  replies: string[];
}

export interface StreamOutcome {
  events: StreamEvent[];
  /** Request numbers the bot told each conversation's person ("Done: ... REQ-n"). */
  told: Map<number, string[]>;
  /** Approval cards posted, by request number. */
  approvalCards: Map<string, number>;
  /** performance.now() of each approval card post, by request number, and of the kill (for diagnosing). */
  cardTimes: Map<string, number[]>;
  killedAt?: number;
  /** The event whose ack from replica 0 was the last thing replica 0 did. */
  ackedJustBeforeKill?: string;
}

/**
 * Employees (one Slack user per directory person, each in their own DM) ask for a laptop
 * through two replicas, events alternating between them. When replica 0 acks the
 * `killAfterAcks`-th event, it is killed with SIGKILL on the spot. Like Slack, a delivery
 * that gets no 200 is retried with X-Slack-Retry-Num, and the retry reaches the live replica.
 */
export async function runReplicaStream(input: {
  databaseUrl: string;
  emails: string[];
  conversations: number;
  conversationsPerSecond: number;
  killAfterAcks: number;
  quietMs: number;
  /** How soon the live replica takes over what the killed one held. */
  leaseMs: number;
}): Promise<StreamOutcome & { stop(): Promise<void> }> {
  const outcome: StreamOutcome = { events: [], told: new Map(), approvalCards: new Map(), cardTimes: new Map() };
  const latest = new Map<string, StreamEvent>();
  const userOf = (i: number) => `UR${i}`;
  let lastActivity = performance.now();
  const slack = new FakeSlackWebApi({
    emailOf: (id) => { const i = /^UR(\d+)$/.exec(id)?.[1]; return i === undefined ? undefined : input.emails[Number(i)]; },
    userOf: (email) => { const i = input.emails.indexOf(email); return i < 0 ? undefined : userOf(i); },
    onPost: (message) => onPost(message),
  });
  await slack.start();
  const env = { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: 'xoxb-replicas', SLACK_API_URL: slack.url, SLACK_API_RETRIES: '0', LOG_LEVEL: 'silent', DATABASE_URL: input.databaseUrl, REPLICA_LEASE_MS: String(input.leaseMs), NLU_CACHE_DIR: 'data/nlu-cache' };
  const replicas: ServerProcess[] = await Promise.all([startServerProcess({ env }), startServerProcess({ env })]);
  let acksFromFirst = 0;
  let seq = 0;

  function onPost(message: PostedMessage): void {
    lastActivity = performance.now();
    const card = /^Approval needed: (REQ-\d+)/.exec(message.text)?.[1];
    if (card) {
      outcome.approvalCards.set(card, (outcome.approvalCards.get(card) ?? 0) + 1);
      outcome.cardTimes.set(card, [...(outcome.cardTimes.get(card) ?? []), message.at]);
      return;
    }
    const event = latest.get(message.channel);
    if (!event) return;
    event.replies.push(message.text);
    const step = nextStep(message);
    if (step.kind === 'done') outcome.told.set(event.conversation, [...(outcome.told.get(event.conversation) ?? []), step.requestNumber]);
    // Only the first copy of a question moves the conversation on; a second one is a duplicate to report.
    if (step.kind === 'say' && event.replies.filter((r) => r === message.text).length === 1) void say(event.conversation, step.text);
  }

  async function say(conversation: number, text: string): Promise<void> {
    const user = userOf(conversation);
    const event: StreamEvent = { id: `EvR${++seq}`, conversation, text, deliveries: [], replies: [] };
    outcome.events.push(event);
    latest.set(`D${user}`, event);
    const envelope = dmEnvelope(event.id, user, `D${user}`, text);
    let replica = seq % 2;
    for (let attempt = 0; attempt <= 3; attempt += 1) {
      const retryNum = attempt === 0 ? undefined : attempt;
      const result = await sendDm(replicas[replica]!.url, signingSecret, envelope, retryNum);
      lastActivity = performance.now();
      event.deliveries.push({ replica, status: result.status, ...(retryNum ? { retryNum } : {}) });
      if (result.status === 200) {
        event.ackedBy = replica;
        if (replica === 0 && ++acksFromFirst === input.killAfterAcks) {
          replicas[0]!.kill();
          outcome.killedAt = performance.now();
          outcome.ackedJustBeforeKill = event.id;
        }
        return;
      }
      // The load balancer takes the dead replica out; Slack's retry lands on the live one.
      replica = 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  for (let i = 0; i < input.conversations; i += 1) {
    void say(i, openingLine);
    await new Promise((resolve) => setTimeout(resolve, 1000 / input.conversationsPerSecond));
  }
  while (performance.now() - lastActivity < input.quietMs) await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    ...outcome,
    async stop() {
      await Promise.all(replicas.map((r) => r.stop()));
      await slack.stop();
    },
  };
}
