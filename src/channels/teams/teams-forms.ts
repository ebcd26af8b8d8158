import { z } from 'zod';
import { escapeMarkdown } from '../../../cards/adaptive-markdown.js';
import type { CardJson } from '../../../cards/card-template.js';
import { adaptiveCardContentType } from '../../../cards/render-adaptive.js';
import type { Catalog } from '../../catalog/catalog.js';
import type { Field, RequestType } from '../../catalog/schema.js';
import type { FormsInProgress } from '../../conversation/conversation-engine.js';
import { conditionContext, prefillValue } from '../../dialog/dialog-replies.js';
import type { Person } from '../../directory/person.js';
import { eligibleRequestTypes } from '../../catalog/eligible-request-types.js';
import type { RequestLifecycle } from '../../requests/request-lifecycle.js';
import { FrontdoorError, ValidationError } from '../../shared/errors.js';
import type { TeamsActivity } from './activity-schema.js';
import type { InvokeAnswer, TurnConnector } from './bot-framework.js';
import { teamsMessage } from './teams-cards.js';
import type { TeamsIdentity } from './teams-identity.js';

/** task/fetch and task/submit carry the card's data (and its inputs) under `value.data`. */
const taskValue = z.looseObject({ data: z.record(z.string().max(100), z.unknown()).optional() });

/** The keys a form card adds to its inputs: which step, which request type. */
const formKeys = new Set(['msteams', 'action', 'step', 'requestTypeId']);

const singleLineUpTo = 120;

/**
 * The whole request form as one Adaptive Card in a task module (a Teams dialog), from the
 * "New request" button: first the request types this person may ask for, then the picked
 * type's fields (options filtered for them, profile prefill, the catalog's patterns as
 * regex). A submit is checked on the server by RequestLifecycle.validate, exactly as the
 * dialog's answers are; field errors come back in the card under each field.
 */
export class TeamsForms {
  constructor(private readonly deps: { catalog: Catalog; lifecycle: RequestLifecycle; identity: TeamsIdentity; engine: FormsInProgress }) {}

  async fetch(activity: TeamsActivity, connector: TurnConnector): Promise<InvokeAnswer> {
    const person = await this.deps.identity.personOf(activity, connector);
    if (!person) return closed("I can't find you in the company directory, so I can't take requests from you here.");
    const data = taskValue.safeParse(activity.value).data?.data ?? {};
    const picked = typeof data.requestTypeId === 'string' ? this.eligible(person).find((rt) => rt.id === data.requestTypeId) : undefined;
    if (picked) return this.formStep(picked, person, {});
    // The form of the dialog in progress here, with what was answered so far.
    const form = await this.deps.engine.formInProgress('teams', activity.conversation.id);
    const inProgress = form ? this.eligible(person).find((rt) => rt.id === form.requestTypeId) : undefined;
    if (inProgress && form) return this.formStep(inProgress, person, form.values);
    return this.pickerStep(person);
  }

  async submit(activity: TeamsActivity, connector: TurnConnector): Promise<InvokeAnswer> {
    const person = await this.deps.identity.personOf(activity, connector);
    if (!person) return closed("I can't find you in the company directory, so I can't take requests from you here.");
    const data = taskValue.safeParse(activity.value).data?.data ?? {};
    const requestType = typeof data.requestTypeId === 'string' ? this.eligible(person).find((rt) => rt.id === data.requestTypeId) : undefined;
    if (!requestType) return this.pickerStep(person, 'Pick one of the request types.');
    if (data.step !== 'form') return this.formStep(requestType, person, {});
    const answers = answersFrom(requestType, data);
    let fields: Record<string, unknown>;
    try {
      fields = await this.deps.lifecycle.validate({ requestTypeId: requestType.id, requester: person, fields: answers });
    } catch (error) {
      if (!(error instanceof FrontdoorError)) throw error;
      const fieldErrors = error instanceof ValidationError ? error.fieldErrors : {};
      return this.formStep(requestType, person, answers, { errors: fieldErrors, message: Object.keys(fieldErrors).length ? undefined : error.userMessage });
    }
    try {
      const submitted = await this.deps.lifecycle.submit({
        requestTypeId: requestType.id,
        requester: person,
        fields,
        channel: 'teams',
        ...(activity.id ? { submissionKey: `teams:${activity.id}` } : {}),
      });
      const said = `Submitted ${submitted.number}: ${requestType.title}. ${submitted.next}`;
      await connector.send(teamsMessage({ kind: 'text', text: said }));
      return closed(said);
    } catch (error) {
      if (!(error instanceof FrontdoorError)) throw error;
      return this.formStep(requestType, person, answers, {
        message: error.userMessage,
        ...(error instanceof ValidationError ? { errors: error.fieldErrors } : {}),
      });
    }
  }

  private eligible(person: Person): RequestType[] {
    return eligibleRequestTypes(this.deps.catalog, person);
  }

  private pickerStep(person: Person, error?: string): InvokeAnswer {
    const types = this.eligible(person);
    const body: unknown[] = [
      { type: 'TextBlock', text: 'What do you need?', weight: 'Bolder', wrap: true },
      {
        type: 'Input.ChoiceSet',
        id: 'requestTypeId',
        label: 'Request type',
        style: 'filtered',
        isRequired: true,
        errorMessage: 'Pick one of the request types',
        choices: types.map((rt) => ({ title: rt.title, value: rt.id })),
      },
      ...(error ? [{ type: 'TextBlock', text: escapeMarkdown(error), color: 'Attention', wrap: true }] : []),
    ];
    return dialog('New request', card(body, [{ type: 'Action.Submit', title: 'Next', data: { step: 'pick' } }]));
  }

  private formStep(
    requestType: RequestType,
    person: Person,
    answers: Record<string, unknown>,
    problems: { errors?: Record<string, string>; message?: string | undefined } = {},
  ): InvokeAnswer {
    const { catalog } = this.deps;
    const values = { ...answers };
    for (const field of requestType.fields) {
      if (values[field.id] !== undefined) continue;
      const prefill = prefillValue(field, person);
      if (prefill !== undefined) values[field.id] = prefill;
    }
    const ctx = conditionContext(person, values);
    const body: unknown[] = [{ type: 'TextBlock', text: escapeMarkdown(requestType.description), wrap: true, isSubtle: true }];
    if (problems.message) body.push({ type: 'TextBlock', text: escapeMarkdown(problems.message), color: 'Attention', weight: 'Bolder', wrap: true });
    for (const field of catalog.visibleFields(requestType, ctx)) {
      body.push(fieldInput(field, catalog.optionsFor(field, ctx), values[field.id]));
      const error = problems.errors?.[field.id];
      if (error) body.push({ type: 'TextBlock', text: escapeMarkdown(error), color: 'Attention', wrap: true, spacing: 'None' });
    }
    return dialog(
      requestType.title,
      card(body, [{ type: 'Action.Submit', title: 'Submit', style: 'positive', data: { step: 'form', requestTypeId: requestType.id } }]),
    );
  }
}

function fieldInput(field: Field, options: Array<{ value: string; label: string }>, value: unknown): Record<string, unknown> {
  const common = { id: field.id, label: field.label, isRequired: field.required, errorMessage: field.patternMessage ?? `${field.label} is needed` };
  const shown = value === undefined || value === null ? undefined : Array.isArray(value) ? value.map(String).join(',') : String(value);
  switch (field.type) {
    case 'number':
      return {
        type: 'Input.Number',
        ...common,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(shown !== undefined && Number.isFinite(Number(shown)) ? { value: Number(shown) } : {}),
      };
    case 'date':
      return { type: 'Input.Date', ...common, ...(shown ? { value: shown.slice(0, 10) } : {}) };
    case 'yes-no':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'expanded',
        choices: [
          { title: 'Yes', value: 'yes' },
          { title: 'No', value: 'no' },
        ],
        ...(value === true ? { value: 'yes' } : value === false ? { value: 'no' } : {}),
      };
    case 'choice':
    case 'multi-choice':
    case 'lookup':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        style: options.length > 5 ? 'filtered' : 'compact',
        isMultiSelect: field.type === 'multi-choice',
        choices: options.map((o) => ({ title: o.label, value: o.value })),
        ...(shown ? { value: shown } : {}),
      };
    default:
      return {
        type: 'Input.Text',
        ...common,
        isMultiline: field.type === 'text' && (field.maxLength === undefined || field.maxLength > singleLineUpTo),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.pattern ? { regex: field.pattern } : {}),
        ...(field.type === 'person' ? { placeholder: 'name@example.com', style: 'Email' } : {}),
        ...(shown ? { value: shown } : {}),
      };
  }
}

/** The form's inputs as the lifecycle takes them: empty is absent, yes/no a boolean, numbers numbers, multi-selects lists. */
function answersFrom(requestType: RequestType, data: Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const field of requestType.fields) {
    if (formKeys.has(field.id)) continue;
    const raw = data[field.id];
    if (raw === undefined || raw === null) continue;
    const text = String(raw).trim();
    if (text === '') continue;
    if (field.type === 'yes-no') answers[field.id] = text === 'yes' ? true : text === 'no' ? false : text;
    else if (field.type === 'number') answers[field.id] = Number.isFinite(Number(text)) ? Number(text) : text;
    else if (field.type === 'multi-choice')
      answers[field.id] = text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
    else answers[field.id] = text;
  }
  return answers;
}

function card(body: unknown[], actions: unknown[]): CardJson {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions };
}

function dialog(title: string, content: CardJson): InvokeAnswer {
  return {
    status: 200,
    body: {
      task: {
        type: 'continue',
        value: { title: title.slice(0, 100), height: 'large', width: 'medium', card: { contentType: adaptiveCardContentType, content } },
      },
    },
  };
}

function closed(message: string): InvokeAnswer {
  return { status: 200, body: { task: { type: 'message', value: message } } };
}
