export { buildRequestModal, type RequestModalInput } from './request-modal.js';
export { buildCatalogPickerModal, pickerBlockId, requestTypeFromPicker } from './catalog-picker-modal.js';
export {
  externalFieldRefFrom, inputBlockIds, modalErrors, modalFieldsFrom, validateModalSubmission, type ModalSubmission,
} from './modal-submission.js';
export { metadataFrom, type ModalMetadata } from './modal-metadata.js';
export { dependencySources } from './form-dependencies.js';
export { buildDenyReasonModal, denyReasonFrom, type DenyReason } from './deny-reason-modal.js';
