import type { Catalog } from '../catalog/catalog.js';
import type { Field, Option, RequestType } from '../catalog/schema.js';
import { isoToday } from '../calendar/calendar.js';
import { Actions } from '../messages/actions.js';
import type { Reply } from '../messages/reply.js';
import type { ChannelName } from '../messages/turn.js';
import type { DirectoryProvider, Person } from '../directory/person.js';
import { ErrorCode, FrontdoorError } from '../shared/errors.js';
import type { RequestLifecycle, SubmittedRequest } from '../requests/request-lifecycle.js';
import type { AnswerContext, ExtractFieldValues } from './answers/answer-context.js';
import { parseAnswer } from './answers/parse-answer.js';
import { changeChoices, conditionContext, prefillValue, questionReply, summaryReply } from './dialog-replies.js';
import type { DialogState } from './dialog-state.js';
import { submitDialog } from './submit-dialog.js';
import { firstPrecheckFailure } from './run-prechecks.js';
import { matchAnswer, normalise } from '../nlu/option-matching.js';
import { notAllowedMention, refusal, unavailableMention, unavailableNote } from './not-allowed.js';

export interface DialogEngineDeps {
  catalog: Catalog;
  directory: DirectoryProvider;
  lifecycle: RequestLifecycle;
  extractFieldValues: ExtractFieldValues;
  clock: () => Date;
  /** IANA zone (TIME_ZONE) that dates are read in, as the server validates them. */
  timeZone: string;
}

/** What the person did within a dialog; control words are recognised before this. */
export type DialogInput =
  | { kind: 'text'; text: string }
  | { kind: 'answer'; fieldId?: string; value: unknown }
  | { kind: 'back' }
  | { kind: 'help' }
  | { kind: 'confirm' }
  | { kind: 'change'; fieldId?: string };

export type DialogResult =
  /** `rejected`: the text was not an answer here, so the caller may try it as a command. */
  | { status: 'active'; state: DialogState; replies: Reply[]; rejected?: boolean }
  | { status: 'submitted'; request: SubmittedRequest; replies: Reply[] }
  /** The dialog cannot go on (not eligible, throttled). */
  | { status: 'ended'; replies: Reply[] };

type ActiveResult = Extract<DialogResult, { status: 'active' }>;

interface Session { requestType: RequestType; requester: Person; state: DialogState; channel: ChannelName }

const extractableTypes: ReadonlySet<Field['type']> = new Set(['choice', 'multi-choice', 'lookup', 'date', 'number']);
const keepWords = new Set(['keep', 'keep it', 'yes', 'y', 'ok', 'okay', 'same', 'correct', 'thats right', 'that is right', 'fine']);
const confirmWords = new Set(['confirm', 'yes', 'y', 'submit', 'send', 'send it', 'ok', 'okay', 'looks good', 'go', 'go ahead', 'yes please', 'correct']);
const changeWords = new Set(['change', 'edit', 'no', 'modify', 'fix']);

/**
 * The one generic form engine: a request type's fields drive the questions, validation,
 * conditions, prefill and pre-checks, then a summary, then submit through the lifecycle.
 */
export class DialogEngine {
  constructor(private readonly deps: DialogEngineDeps) {}

  requestType(id: string): RequestType {
    const requestType = this.deps.catalog.requestType(id);
    if (!requestType) throw new FrontdoorError(ErrorCode.Catalog, 'That request type is no longer in the catalog.', { details: { requestTypeId: id } });
    return requestType;
  }

  /** Eligibility first, so a person who may not ask is told before any question. */
  async start(input: { requestType: RequestType; requester: Person; outcomeId: string; channel: ChannelName; text?: string; known?: Record<string, unknown> }): Promise<DialogResult> {
    const { requestType, requester } = input;
    const ineligible = await this.deps.lifecycle.precheck({ requestTypeId: requestType.id, requester, fields: {} });
    if (ineligible) return { status: 'ended', replies: [{ kind: 'text', text: ineligible }] };
    const refused = input.text ? notAllowedMention(input.text, requestType.fields) : undefined;
    if (refused) return { status: 'ended', replies: [{ kind: 'text', text: refusal(refused) }] };
    const state: DialogState = { requestTypeId: requestType.id, outcomeId: input.outcomeId, answers: {}, asked: [], drafts: {}, step: { kind: 'summary' } };
    const session: Session = { requestType, requester, state, channel: input.channel };
    // "the MacBook Pro 16" from someone who cannot order it is not "a MacBook": say why, and ask.
    const unavailable = input.text ? this.unavailableIn(session, input.text) : [];
    const found = { ...(input.text ? this.valuesIn(input.text, requestType, requester, {}) : {}), ...input.known };
    for (const { field } of unavailable) delete found[field.id];
    await this.acceptKnownValues(session, found);
    // Options offered only after an earlier answer ("admin" once the system is an application)
    // can be found only once that answer is known.
    if (input.text) {
      const more = this.valuesIn(input.text, requestType, requester, state.answers);
      for (const { field } of unavailable) delete more[field.id];
      await this.acceptKnownValues(session, more);
    }
    const result = await this.advance(session);
    const intro: Reply = { kind: 'text', text: `Let's get your ${requestType.title} request ready. Say "back", "cancel" or "talk to a person" at any time.` };
    const notes: Reply[] = unavailable.map(({ field, option }) => ({ kind: 'text', text: unavailableNote(option, field) }));
    return { ...result, replies: [intro, ...notes, ...result.replies] };
  }

  async continue(state: DialogState, requester: Person, channel: ChannelName, input: DialogInput): Promise<DialogResult> {
    const session: Session = { requestType: this.requestType(state.requestTypeId), requester, state, channel };
    if (input.kind === 'help') return this.help(session);
    switch (state.step.kind) {
      case 'field': return this.onField(session, state.step.fieldId, input);
      case 'summary': return this.onSummary(session, input);
      case 'pick-change': return this.onPickChange(session, input);
    }
  }

  /** Values found in the first message or kept from a hand-off: silently accepted when valid. */
  private async acceptKnownValues(session: Session, found: Record<string, unknown>): Promise<void> {
    for (let pass = 0; pass < 2; pass++) {
      for (const field of this.visible(session)) {
        if (!(field.id in found) || field.id in session.state.answers) continue;
        const parsed = await parseAnswer(found[field.id], this.answerContext(session, field));
        if (parsed.ok && parsed.value !== null) session.state.answers[field.id] = parsed.value;
      }
    }
  }

  /**
   * What the first message already says about the form's choices, products and dates. A
   * yes or no in it is not an answer to a question nobody has asked yet.
   */
  private valuesIn(text: string, requestType: RequestType, requester: Person, answers: Record<string, unknown>): Record<string, unknown> {
    const ctx = conditionContext(requester, answers);
    const fields = requestType.fields.filter((f) => extractableTypes.has(f.type)).map((f) => ({
      id: f.id,
      type: f.type,
      ...(f.type === 'date' || f.type === 'number' ? {} : { options: this.deps.catalog.optionsFor(f, ctx).map((o) => ({ value: o.value, label: o.label, synonyms: o.synonyms })) }),
    }));
    return this.deps.extractFieldValues(text, fields, { now: this.deps.clock(), timeZone: this.deps.timeZone });
  }

  private async onField(session: Session, fieldId: string, input: DialogInput): Promise<DialogResult> {
    const { state } = session;
    const field = this.visible(session).find((f) => f.id === fieldId);
    if (!field) return this.advance(session);
    if (input.kind === 'back') return this.back(session, field);
    if (input.kind !== 'text' && input.kind !== 'answer') return this.ask(session, field);
    if (input.kind === 'answer' && input.fieldId !== undefined && input.fieldId !== field.id) return this.ask(session, field);
    const raw = input.kind === 'text' ? input.text : input.value;
    const offered = field.id in state.drafts ? state.drafts[field.id] : prefillValue(field, session.requester);
    const keeps = offered !== undefined && offered !== null && isKeep(raw, field);
    const parsed = await parseAnswer(keeps ? offered : raw, this.answerContext(session, field));
    if (!parsed.ok) return { ...this.ask(session, field, parsed.error), rejected: true };
    state.answers[field.id] = parsed.value;
    delete state.drafts[field.id];
    state.asked = [...state.asked.filter((id) => id !== field.id), field.id];
    return this.advance(session);
  }

  private async onSummary(session: Session, input: DialogInput): Promise<DialogResult> {
    if (input.kind === 'confirm') return this.submit(session);
    if (input.kind === 'change') return input.fieldId ? this.change(session, input.fieldId) : this.pickChange(session);
    if (input.kind === 'back') {
      const last = session.state.asked.at(-1);
      return last ? this.change(session, last) : this.showSummary(session);
    }
    if (input.kind === 'text') {
      const said = normalise(input.text);
      if (confirmWords.has(said)) return this.submit(session);
      if (changeWords.has(said)) return this.pickChange(session);
      const named = said.replace(/^(change|edit|fix)\s+(the\s+|my\s+)?/, '');
      if (named !== said) {
        const field = this.matchField(session, named);
        return field ? this.change(session, field.id) : this.pickChange(session);
      }
    }
    return { ...this.showSummary(session, 'Say "confirm" to send it, "change" to edit an answer, or "cancel".'), rejected: input.kind === 'text' };
  }

  private async onPickChange(session: Session, input: DialogInput): Promise<DialogResult> {
    if (input.kind === 'back') return this.showSummary(session);
    if (input.kind === 'confirm') return this.submit(session);
    const wanted = input.kind === 'change' ? input.fieldId : input.kind === 'text' ? this.matchField(session, input.text)?.id : input.kind === 'answer' && typeof input.value === 'string' ? input.value : undefined;
    if (wanted && this.visible(session).some((f) => f.id === wanted)) return this.change(session, wanted);
    return { ...this.pickChange(session), rejected: input.kind === 'text' };
  }

  /** The next unanswered visible field, or the pre-checks and the summary. */
  private async advance(session: Session): Promise<DialogResult> {
    const { state } = session;
    const parked = state.parked ?? {};
    let visible = this.visible(session);
    // Giving an answer back can show or hide other fields: a few passes settle it.
    for (let pass = 0; pass < 5; pass++) {
      for (const id of Object.keys(state.answers)) {
        if (visible.some((f) => f.id === id)) continue;
        parked[id] = state.answers[id];
        delete state.answers[id];
      }
      const back = visible.filter((f) => f.id in parked && !(f.id in state.answers) && !(f.id in state.drafts));
      for (const field of back) {
        if (this.stillFits(session, field, parked[field.id])) {
          state.answers[field.id] = parked[field.id];
          state.asked.push(field.id);
        }
        delete parked[field.id];
      }
      if (back.length === 0) break;
      visible = this.visible(session);
    }
    state.parked = parked;
    state.asked = state.asked.filter((id) => id in state.answers);
    const next = visible.find((f) => !(f.id in state.answers));
    if (next) return this.ask(session, next);
    const failure = await firstPrecheckFailure({ catalog: this.deps.catalog, requestType: session.requestType, requester: session.requester, fields: this.fields(state) }, this.deps.lifecycle);
    if (failure?.fieldId && visible.some((f) => f.id === failure.fieldId)) {
      const field = visible.find((f) => f.id === failure.fieldId) as Field;
      delete state.answers[field.id];
      state.asked = state.asked.filter((id) => id !== field.id);
      return this.ask(session, field, failure.message);
    }
    if (failure) return { status: 'ended', replies: [{ kind: 'text', text: failure.message }] };
    return this.showSummary(session);
  }

  private async submit(session: Session): Promise<DialogResult> {
    const outcome = await submitDialog({ lifecycle: this.deps.lifecycle, requestType: session.requestType, requester: session.requester, fields: this.fields(session.state), channel: session.channel,
      // A confirm handled twice (a replica died before saving the conversation) records one request.
      submissionKey: `dialog:${session.state.outcomeId}` });
    if (outcome.kind === 'submitted') return { status: 'submitted', request: outcome.request, replies: outcome.replies };
    if (outcome.kind === 'refused') return { status: 'ended', replies: outcome.replies };
    const field = this.visible(session).find((f) => f.id === outcome.fieldId);
    if (!field) return { status: 'ended', replies: [{ kind: 'text', text: outcome.message }] };
    this.takeBack(session, field.id);
    return this.ask(session, field, outcome.message);
  }

  private back(session: Session, current: Field): DialogResult | Promise<DialogResult> {
    const { state } = session;
    const answeredElsewhere = this.visible(session).every((f) => f.id === current.id || f.id in state.answers);
    if (current.id in state.drafts && answeredElsewhere && state.asked.length > 0) {
      // Changing one answer from the summary: back returns to the summary unchanged.
      state.answers[current.id] = state.drafts[current.id];
      delete state.drafts[current.id];
      state.asked.push(current.id);
      return this.advance(session);
    }
    const previous = state.asked.at(-1);
    if (!previous) return this.ask(session, current, 'This is the first question, there is nothing to go back to.');
    this.takeBack(session, previous);
    return this.advance(session);
  }

  private change(session: Session, fieldId: string): Promise<DialogResult> {
    this.takeBack(session, fieldId);
    return this.advance(session);
  }

  /** Moves an answer back to a draft so the question is asked again with it offered. */
  private takeBack(session: Session, fieldId: string): void {
    const { state } = session;
    if (fieldId in state.answers) state.drafts[fieldId] = state.answers[fieldId];
    delete state.answers[fieldId];
    state.asked = state.asked.filter((id) => id !== fieldId);
  }

  private help(session: Session): DialogResult | Promise<DialogResult> {
    const { step } = session.state;
    const field = step.kind === 'field' ? this.visible(session).find((f) => f.id === step.fieldId) : undefined;
    const text = [
      field?.help,
      field ? 'Answer the question below, or say "back" for the previous question, "cancel" to stop, or "talk to a person".'
        : 'Say "confirm" to send the request, "change" to edit an answer, "cancel" to stop, or "talk to a person".',
    ].filter(Boolean).join(' ');
    const again = field ? this.ask(session, field) : this.showSummary(session);
    return { ...again, replies: [{ kind: 'text', text }, ...again.replies] };
  }

  private ask(session: Session, field: Field, error?: string): ActiveResult {
    session.state.step = { kind: 'field', fieldId: field.id };
    const reply = questionReply({ catalog: this.deps.catalog, requestType: session.requestType, field, state: session.state, requester: session.requester, today: isoToday(this.deps.clock(), this.deps.timeZone), ...(error ? { error } : {}) });
    return { status: 'active', state: session.state, replies: [reply] };
  }

  private showSummary(session: Session, note?: string): ActiveResult {
    session.state.step = { kind: 'summary' };
    const summary = summaryReply({ catalog: this.deps.catalog, requestType: session.requestType, visible: this.visible(session), state: session.state });
    return { status: 'active', state: session.state, replies: [note ? { ...summary, notes: [note] } : summary] };
  }

  private pickChange(session: Session): ActiveResult {
    session.state.step = { kind: 'pick-change' };
    return { status: 'active', state: session.state, replies: [changeChoices(this.visible(session), Actions.change)] };
  }

  private matchField(session: Session, text: string): Field | undefined {
    const visible = this.visible(session);
    const option = matchAnswer(text, visible.map((f) => ({ value: f.id, label: f.label })));
    return option ? visible.find((f) => f.id === option.value) : undefined;
  }

  /** Options named in the text that this person cannot choose, where no offered option is named as precisely. */
  private unavailableIn(session: Session, text: string): Array<{ field: Field; option: Option }> {
    return this.visible(session).flatMap((field) => {
      const options = this.offered(session, field);
      // Only options kept from this person (a role, a group), not those waiting for an earlier answer ("admin" once the system is known).
      const kept = this.allOptions(field).filter((o) => !options.some((x) => x.value === o.value) && !namesAField(o.when));
      const option = unavailableMention(text, kept, options);
      return option ? [{ field, option }] : [];
    });
  }

  /** A parked answer fits again unless it names an option the field no longer offers. */
  private stillFits(session: Session, field: Field, value: unknown): boolean {
    if (field.type !== 'choice' && field.type !== 'multi-choice' && field.type !== 'lookup') return true;
    const offered = new Set(this.deps.catalog.optionsFor(field, conditionContext(session.requester, session.state.answers)).map((o) => o.value));
    return (Array.isArray(value) ? value : [value]).every((v) => typeof v === 'string' && offered.has(v));
  }

  private offered(session: Session, field: Field): Option[] {
    const choosable = field.type === 'choice' || field.type === 'multi-choice' || field.type === 'lookup';
    return choosable ? this.deps.catalog.optionsFor(field, conditionContext(session.requester, session.state.answers)) : [];
  }

  private allOptions(field: Field): Option[] {
    return field.options ?? (field.lookup ? this.deps.catalog.lookup(field.lookup)?.items ?? [] : []);
  }

  private visible(session: Session): Field[] {
    return this.deps.catalog.visibleFields(session.requestType, conditionContext(session.requester, session.state.answers));
  }

  private fields(state: DialogState): Record<string, unknown> {
    return Object.fromEntries(Object.entries(state.answers).filter(([, v]) => v !== null && v !== undefined));
  }

  private answerContext(session: Session, field: Field): AnswerContext {
    const options = this.offered(session, field);
    return { field, options, unavailable: this.allOptions(field).filter((o) => !options.some((x) => x.value === o.value)), notAllowed: field.notAllowed ?? [], now: this.deps.clock(), timeZone: this.deps.timeZone, directory: this.deps.directory, requester: session.requester, extractFieldValues: this.deps.extractFieldValues };
  }
}

function namesAField(condition: unknown): boolean {
  return JSON.stringify(condition ?? {}).includes('"field"');
}

function isKeep(raw: unknown, field: Field): boolean {
  if (raw === undefined || raw === null || raw === '') return true;
  if (typeof raw !== 'string') return false;
  const said = normalise(raw);
  return said === '' || said === 'keep' || (field.type !== 'yes-no' && keepWords.has(said));
}
