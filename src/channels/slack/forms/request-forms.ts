import type { Catalog } from '../../../catalog/catalog.js';
import type { Person } from '../../../directory/person.js';
import { FrontdoorError, ValidationError } from '../../../shared/errors.js';
import type { RequestLifecycle } from '../../../requests/request-lifecycle.js';
import type { FormsInProgress } from '../../../conversation/conversation-engine.js';
import type { RequestForm } from '../../../messages/request-form.js';
import { optionsForExternalSelect, SlackActions, type ExternalSelectOptions } from '../blocks/index.js';
import { buildCatalogPickerModal, buildRequestModal, externalFieldRefFrom, metadataFrom, modalErrors, modalFieldsFrom, requestTypeFromPicker, validateModalSubmission, type ModalMetadata } from '../modals/index.js';
import type { SlackIdentity } from '../slack-identity.js';
import type { SlackPoster } from '../slack-poster.js';
import type { SlackWebClient } from '../slack-web-client.js';

export interface RequestFormsDeps {
  catalog: Catalog;
  lifecycle: RequestLifecycle;
  identity: SlackIdentity;
  poster: SlackPoster;
  client: SlackWebClient;
  /** The form a DM's dialog is filling in ("Open as form", type-ahead in a question). */
  engine: FormsInProgress;
}

type ViewAnswer = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: ReturnType<typeof buildRequestModal> } | undefined;

/**
 * Request forms as modals: the catalog picker, the form of a request type (opened from the
 * picker, the slash command, the shortcut or "Open as form" in a DM), rebuilt when an answer
 * changes which fields apply, and submitted to the lifecycle like any other request.
 */
export class RequestForms {
  constructor(private readonly deps: RequestFormsDeps) {}

  async open(action: { id: string; values: Record<string, unknown> }, input: { userId: string; triggerId?: string; client: SlackWebClient; rawBody: unknown }): Promise<void> {
    const person = await this.deps.identity.personOf(input.userId);
    if (!person || !input.triggerId) return;
    const { catalog } = this.deps;
    if (action.id === SlackActions.openCatalog) {
      await input.client.views.open({ trigger_id: input.triggerId, view: buildCatalogPickerModal(catalog, person) });
      return;
    }
    if (action.id === SlackActions.openForm) {
      const channel = channelOf(input.rawBody);
      const form = channel ? await this.deps.engine.formInProgress('slack', channel) : undefined;
      if (!form || !catalog.requestType(form.requestTypeId)) return;
      await this.openForm(input.triggerId, person, form, { channel: channel! });
    }
  }

  /** Opens a request type's form as a modal, prefilled with `values` (the channel contract's forms.open). */
  async openForm(triggerId: string, person: Person, form: RequestForm, metadata: ModalMetadata = {}): Promise<void> {
    const requestType = this.deps.catalog.requestType(form.requestTypeId);
    if (!requestType) return;
    const view = buildRequestModal({ catalog: this.deps.catalog, requestType, requester: person, values: form.values, metadata });
    await this.deps.client.views.open({ trigger_id: triggerId, view });
  }

  /** The picker's Next: the picked request type's form replaces the picker. */
  async pickerSubmitted(userId: string, view: unknown): Promise<ViewAnswer> {
    const person = await this.deps.identity.personOf(userId);
    if (!person) return { response_action: 'errors', errors: { requestType: 'You are not in the company directory.' } };
    const requestType = requestTypeFromPicker(view, this.deps.catalog, person);
    if (!requestType) return { response_action: 'errors', errors: { requestType: 'Pick one of the request types.' } };
    return { response_action: 'update', view: buildRequestModal({ catalog: this.deps.catalog, requestType, requester: person, values: {}, metadata: metadataFrom(view) }) };
  }

  /** The view after an input changed (a picked type in the picker, or an answer others depend on). */
  async rebuilt(userId: string, view: unknown, picked?: string): Promise<ReturnType<typeof buildRequestModal> | undefined> {
    const person = await this.deps.identity.personOf(userId);
    if (!person) return undefined;
    const metadata = metadataFrom(view);
    const requestType = this.deps.catalog.requestType(picked ?? metadata.requestTypeId ?? '');
    if (!requestType || (picked && !requestTypeFromPicker(view, this.deps.catalog, person))) return undefined;
    const values = picked ? {} : modalFieldsFrom(view, requestType, this.deps.catalog);
    return buildRequestModal({ catalog: this.deps.catalog, requestType, requester: person, values, metadata });
  }

  /**
   * A submitted form: field errors go back inline (response_action: errors) before the ack;
   * a valid one is acked, then submitted, and the outcome told in the person's DM.
   */
  async formSubmitted(userId: string, view: unknown): Promise<{ answer: ViewAnswer; submit?: () => Promise<void> }> {
    const person = await this.deps.identity.personOf(userId);
    const metadata: ModalMetadata = metadataFrom(view);
    const requestType = this.deps.catalog.requestType(metadata.requestTypeId ?? '');
    if (!person || !requestType) return { answer: undefined, submit: async () => this.tellInDm(userId, 'That form is out of date or you are not in the company directory; nothing was sent.') };
    const checked = await validateModalSubmission({ catalog: this.deps.catalog, lifecycle: this.deps.lifecycle, requestType, requester: person, view });
    if (!checked.ok) return { answer: { response_action: 'errors', errors: checked.errors } };
    const refusal = await this.deps.lifecycle.precheck({ requestTypeId: requestType.id, requester: person, fields: checked.fields });
    if (refusal) return { answer: { response_action: 'errors', errors: modalErrors(new ValidationError(refusal, {}), requestType) } };
    return { answer: undefined, submit: () => this.submit(person, userId, requestType.id, checked.fields) };
  }

  /** Type-ahead options for an external select, in a modal or in a question message. */
  async optionsFor(userId: string, payload: { block_id?: string; value?: string; view?: unknown; channel?: { id?: string } }): Promise<ExternalSelectOptions> {
    const person = await this.deps.identity.personOf(userId);
    if (!person) return { options: [] };
    const ref = externalFieldRefFrom(payload);
    let fields: Record<string, unknown> = payload.view ? modalFieldsFrom(payload.view, ref.requestTypeId ?? '', this.deps.catalog) : {};
    let requestTypeId = ref.requestTypeId;
    if (!requestTypeId && payload.channel?.id) {
      const form = await this.deps.engine.formInProgress('slack', payload.channel.id);
      requestTypeId = form?.requestTypeId;
      fields = form?.values ?? {};
    }
    if (!requestTypeId || !ref.fieldId) return { options: [] };
    return optionsForExternalSelect({ requestTypeId, fieldId: ref.fieldId }, payload.value ?? '', { catalog: this.deps.catalog, requester: person, fields });
  }

  private async submit(person: Person, userId: string, requestTypeId: string, fields: Record<string, unknown>): Promise<void> {
    try {
      const submitted = await this.deps.lifecycle.submit({ requestTypeId, requester: person, fields, channel: 'slack' });
      await this.tellInDm(userId, `Submitted ${submitted.number}. ${submitted.next}`);
    } catch (error) {
      if (!(error instanceof FrontdoorError)) throw error;
      await this.tellInDm(userId, error.userMessage);
    }
  }

  private async tellInDm(userId: string, text: string): Promise<void> {
    const channel = await this.deps.poster.dmOf(userId);
    if (channel) await this.deps.poster.postOne({ channel }, { kind: 'text', text });
  }
}

function channelOf(body: unknown): string | undefined {
  const id = (body as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  return typeof id === 'string' ? id : undefined;
}
