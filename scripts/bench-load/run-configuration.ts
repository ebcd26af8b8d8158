import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchDatabase } from './bench-databases.js';
import { OpenLoopGenerator, type StepResult } from './open-loop-generator.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export const signingSecret = 'bench-slack-signing-secret';

export interface RampSettings {
  /** Conversations per second of the first step (full path), or messages per second (ack only). */
  startRate: number;
  factor: number;
  maxSteps: number;
  stepSeconds: number;
  graceMs: number;
  /** The ack latency target; a step over it is reported, but the ramp goes on while the server keeps up. */
  maxAckP99Ms: number;
  maxReplyP99Ms: number;
  /** Run one step at startRate for stepSeconds instead of ramping. */
  fixed: boolean;
}

export interface ConfigurationResult {
  name: string;
  steps: StepResult[];
  /** The highest step the server kept up with; undefined when even the first was too fast. */
  best: StepResult | undefined;
  /** The highest step it kept up with and also acked within the target (p99). */
  bestWithinAckTarget: StepResult | undefined;
  /** Peak RSS (VmHWM) of each server process, MB. */
  peakRssMb: number[];
}

export interface Configuration {
  name: string;
  replicas: number;
  database: () => Promise<BenchDatabase>;
  /** false: the bare Fastify baseline, only acks are measured. */
  fullPath: boolean;
}

export interface BenchEnvironment {
  slackApiUrl: string;
  /** Routes the fake Slack API's posts to the generator of the configuration running now. */
  setPostHandler(handler: OpenLoopGenerator | undefined): void;
  /** node --cpu-prof into this folder, when set. */
  profileDir?: string;
  log(line: string): void;
}

/**
 * Kept up: nothing lost, every ack a 200, every conversation finished, acks and replies
 * within maxReplyP99Ms (p99, so requests are not queueing), and at least 90 % of what was offered handled in the window.
 */
export function keptUp(step: StepResult, settings: RampSettings, fullPath: boolean): boolean {
  const repliesKeptUp = !fullPath || (step.unfinished === 0 && step.replyP99Ms < settings.maxReplyP99Ms);
  return step.lost === 0 && step.ackErrors === 0 && repliesKeptUp && step.ackP99Ms < settings.maxReplyP99Ms
    && step.messagesPerSecond >= 0.9 * step.offeredMessagesPerSecond;
}

/** Starts the configuration's processes, warms them up, ramps the rate, and stops them. */
export async function runConfiguration(config: Configuration, settings: RampSettings, env: BenchEnvironment): Promise<ConfigurationResult> {
  const database = await config.database();
  const servers: ServerProcess[] = [];
  const runTag = config.name.replace(/[^a-z0-9]/gi, '').toUpperCase();
  try {
    const profileDir = env.profileDir ? join(env.profileDir, config.name) : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const started = await Promise.all(Array.from({ length: config.replicas }, () => startServerProcess({
      env: config.fullPath ? {
        SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: env.slackApiUrl, SLACK_API_RETRIES: '0',
        LOG_LEVEL: 'warn', DATABASE_URL: database.url, NLU_CACHE_DIR: 'data/nlu-cache',
      } : {},
      ...(config.fullPath ? {} : { script: 'scripts/bench-load/bare-fastify-server.ts' }),
      ...(profileDir ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
      onOutput: (text) => { for (const line of text.split('\n').filter(Boolean).slice(0, 3)) env.log(`  [${config.name}] ${line.slice(0, 300)}`); },
    })));
    servers.push(...started);
    const generator = new OpenLoopGenerator({ urls: servers.map((s) => s.url), secret: signingSecret, expectReplies: config.fullPath, runTag });
    env.setPostHandler(generator);
    // Warm-up (JIT, pools, caches): not reported.
    await generator.runStep({ conversationsPerSecond: config.fullPath ? 2 : 50, seconds: 2, graceMs: settings.graceMs, userOf: (n) => `U${runTag}W${n}` });

    const steps: StepResult[] = [];
    let best: StepResult | undefined;
    let bestWithinAckTarget: StepResult | undefined;
    let rate = settings.startRate;
    for (let index = 0; index < (settings.fixed ? 1 : settings.maxSteps); index += 1) {
      const step = await generator.runStep({ conversationsPerSecond: rate, seconds: settings.stepSeconds, graceMs: settings.graceMs, userOf: (n) => `U${runTag}S${index}N${n}` });
      steps.push(step);
      const ok = keptUp(step, settings, config.fullPath);
      const fastAck = step.ackP99Ms < settings.maxAckP99Ms;
      env.log(`  ${config.name} step ${index + 1}: ${rate.toFixed(1)} ${config.fullPath ? 'conv' : 'msg'}/s -> ${step.messagesPerSecond} msg/s handled `
        + `(offered ${step.offeredMessagesPerSecond}), ack p50/p99 ${step.ackP50Ms}/${step.ackP99Ms} ms, reply p50/p99 ${step.replyP50Ms}/${step.replyP99Ms} ms, `
        + `lost ${step.lost}, dup ${step.duplicated} (notifications ${step.duplicatedNotifications}), unfinished ${step.unfinished}, ack errors ${step.ackErrors}${ok ? '' : '  <- did not keep up'}${ok && !fastAck ? '  <- ack p99 over target' : ''}`
        + (step.stuckSamples.length ? `\n    stopped on: ${step.stuckSamples.join(' | ')}` : ''));
      if (ok && (!best || step.messagesPerSecond > best.messagesPerSecond)) best = step;
      if (ok && fastAck && (!bestWithinAckTarget || step.messagesPerSecond > bestWithinAckTarget.messagesPerSecond)) bestWithinAckTarget = step;
      if (!ok) break;
      rate *= settings.factor;
    }
    env.setPostHandler(undefined);
    return { name: config.name, steps, best, bestWithinAckTarget, peakRssMb: servers.map((s) => Math.round(s.peakRssMb() ?? 0)) };
  } finally {
    env.setPostHandler(undefined);
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  }
}
