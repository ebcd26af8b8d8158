/** A request type's form, with what the person already answered (a dialog in progress, a prefill). */
export interface RequestForm {
  requestTypeId: string;
  values: Record<string, unknown>;
}
