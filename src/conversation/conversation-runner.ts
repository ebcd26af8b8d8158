import type { DialogEngine } from '../dialog/dialog-engine.js';
import { inSpan } from '../shared/tracing.js';
import type { Reply } from '../messages/reply.js';
import type { Turn } from '../messages/turn.js';
import { replicaClaims, whileRenewing, type ReplicaClaims } from '../replicas/replica-claims.js';
import type { ConversationRow } from '../store/repositories/conversation-repository.js';
import type { TriageQueue } from '../triage/triage-queue.js';
import type { TriageService } from '../triage/triage-service.js';
import { conversationKey, freshState, markApplied, openDialog, parseConversationState, remember, sealedState, type ConversationState } from './conversation-state.js';
import { DEFAULT_DIALOG_IDLE_MS, type ConversationEngineDeps } from './engine-deps.js';
import { replyLine, turnLine } from './transcript-line.js';
import { say, type TurnContext, type TurnHandler } from './turn-context.js';
import { turnErrorReplies } from './turn-error-policy.js';
import { TurnClaims } from './turn-claims.js';

/** The conversation a turn acts on, without the rest of the turn. */
export type ConversationRef = Pick<Turn, 'channel' | 'conversationId' | 'person'> & Partial<Turn>;

export interface ConversationRunnerParts {
  dialogs: DialogEngine;
  triage: TriageQueue;
  /** Resolved when a turn runs: the service desk's side is built after the runner. */
  triageDesk: () => TriageService;
}

/**
 * Runs one turn against one stored conversation: claim it (one turn at a time, across
 * replicas too), load its state, let a handler act, remember the exchange, save (which ends
 * the claim), answer.
 */
export class ConversationRunner {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly claims: ReplicaClaims;
  private readonly turnClaims: TurnClaims;
  private readonly idleMs: number;

  constructor(private readonly deps: ConversationEngineDeps, private readonly parts: ConversationRunnerParts) {
    this.claims = deps.claims ?? replicaClaims();
    this.turnClaims = new TurnClaims(deps.store, this.claims, () => deps.clock().getTime());
    this.idleMs = deps.dialogIdleMs ?? DEFAULT_DIALOG_IDLE_MS;
  }

  get dialogIdleMs(): number {
    return this.idleMs;
  }

  /** A turn from a person: errors become the one apology of the turn-error policy. */
  runTurn(turn: ConversationRef, handler: TurnHandler): Promise<Reply[]> {
    // One span per turn: its channel, the classifier's decision (set where it decides) and the outcome; never the text or the person.
    return inSpan('conversation.turn', { 'frontdoor.channel': turn.channel }, (span) => this.run(turn, handler).then(
      (replies) => {
        this.deps.metrics?.turn(turn.channel, 'answered');
        span.setAttribute('frontdoor.outcome', 'answered');
        return replies;
      },
      (error: unknown) => {
        this.deps.metrics?.turn(turn.channel, 'failed');
        span.setAttribute('frontdoor.outcome', 'failed');
        return turnErrorReplies(error, turn as Turn, this.deps.logger);
      },
    ));
  }

  /** Errors reach the caller. */
  run(turn: ConversationRef, handler: TurnHandler): Promise<Reply[]> {
    const key = conversationKey(turn.channel, turn.conversationId);
    return this.oneAtATime(key, async () => {
      const row = await this.turnClaims.claim(key, turn as Turn);
      let saved = false;
      try {
        return await whileRenewing(this.claims, () => this.turnClaims.renew(key), async () => {
          const replies = await this.applyTurn(turn as Turn, key, row, handler);
          saved = true;
          return replies;
        });
      } finally {
        if (!saved) await this.turnClaims.release(key);
      }
    });
  }

  /** What the stored conversation says, read without a turn. */
  async stateOf(channel: string, conversationId: string): Promise<{ row: ConversationRow; state: ConversationState } | undefined> {
    const row = await this.deps.store.read.conversations.find(conversationKey(channel, conversationId));
    return row ? { row, state: openDialog(parseConversationState(row.state).state, this.deps.fieldCipher) } : undefined;
  }

  private async applyTurn(turn: Turn, key: string, row: ConversationRow | undefined, handler: TurnHandler): Promise<Reply[]> {
    const ctx = await this.openContext(turn, key, row);
    if (turn.deliveryId && ctx.state.applied.includes(turn.deliveryId)) {
      // Applied before by a replica that stopped before it could say it was done: its replies went out then.
      this.deps.logger.info({ conversation: key, deliveryId: turn.deliveryId }, 'a redelivered message was already answered; not applied again');
      return [];
    }
    const before = this.sensitiveFields(ctx.state);
    const said = turnLine(turn, before.answering);
    if (said) remember(ctx.state, said);
    const replies = [...ctx.preface, ...(await handler(ctx))];
    const hidden = new Set([...before.ids, ...this.sensitiveFields(ctx.state).ids]);
    for (const reply of replies) remember(ctx.state, replyLine(reply, hidden));
    markApplied(ctx.state, turn.deliveryId);
    const stored = sealedState(ctx.state, this.sensitiveFields(ctx.state).ids, this.deps.fieldCipher);
    await this.deps.store.transaction((repos) => repos.conversations.save({ id: key, channel: turn.channel, personId: turn.person.id, state: stored, now: ctx.now.getTime() }));
    return replies;
  }

  /** Turns of one conversation run one after another in this process, so a double click cannot interleave. */
  private oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.inFlight.set(key, settled);
    void settled.then(() => { if (this.inFlight.get(key) === settled) this.inFlight.delete(key); });
    return next;
  }

  private async openContext(turn: Turn, key: string, row: ConversationRow | undefined): Promise<TurnContext & { preface: Reply[] }> {
    const { deps } = this;
    const now = deps.clock();
    const parsed = row ? parseConversationState(row.state) : { state: freshState(), corrupt: false };
    if (parsed.corrupt) deps.logger.warn({ conversation: key }, 'conversation state did not fit the schema; starting afresh');
    let state = openDialog(parsed.state, deps.fieldCipher);
    if (row && row.personId !== turn.person.id) {
      // Someone else in the same channel conversation: nothing of the previous person's carries over.
      if (state.dialog) await deps.store.transaction((repos) => repos.dialogOutcomes.end(state.dialog!.outcomeId, 'cancelled', now.getTime()));
      state = freshState();
    }
    const ctx = { turn, person: turn.person, state, now, deps, dialogs: this.parts.dialogs, triage: this.parts.triage, triageDesk: this.parts.triageDesk(), preface: [] as Reply[] };
    await this.closeIdleDialog(ctx, row);
    return ctx;
  }

  /** A form left alone too long (or gone from the catalog) is closed before the turn, with a word why. */
  private async closeIdleDialog(ctx: TurnContext & { preface: Reply[] }, row: ConversationRow | undefined): Promise<void> {
    const dialog = ctx.state.dialog;
    const requestType = dialog ? this.deps.catalog.requestType(dialog.requestTypeId) : undefined;
    if (!dialog || !row || (requestType && ctx.now.getTime() - row.updatedAt <= this.idleMs)) return;
    ctx.state.dialog = undefined;
    await this.deps.store.transaction((repos) => repos.dialogOutcomes.end(dialog.outcomeId, requestType ? 'abandoned' : 'cancelled', ctx.now.getTime()));
    ctx.preface.push(say(requestType
      ? `Your ${requestType.title} request was left unfinished for a while, so I closed it. Nothing was sent.`
      : 'The form you had open is no longer in the catalog, so I closed it. Nothing was sent.'));
  }

  /** Whether the conversation's open question asks for a sensitive answer (read without a turn). */
  async awaitsSensitiveAnswer(channel: string, conversationId: string): Promise<boolean> {
    const row = await this.deps.store.read.conversations.find(conversationKey(channel, conversationId));
    return row ? this.sensitiveFields(parseConversationState(row.state).state).answering : false;
  }

  /** The open dialog's sensitive fields, and whether the person is answering one now. */
  private sensitiveFields(state: ConversationState): { ids: string[]; answering: boolean } {
    const dialog = state.dialog;
    const fields = dialog ? this.deps.catalog.requestType(dialog.requestTypeId)?.fields ?? [] : [];
    const ids = fields.filter((f) => f.sensitive).map((f) => f.id);
    return { ids, answering: dialog?.step.kind === 'field' && ids.includes(dialog.step.fieldId) };
  }
}
