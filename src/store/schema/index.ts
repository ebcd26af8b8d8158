export * from './conversations.js';
export * from './requests.js';
export * from './platform.js';
export * from './nlu.js';
export * from './channels.js';
export * from './directory.js';
export * from './manual-work.js';
export * from './hr-events.js';
