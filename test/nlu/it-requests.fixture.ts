import type { LabelledText } from '../../src/nlu/intent-classifier.js';

/** A small IT-help catalog: a few intents with a handful of phrasings each. */
export const IT_REQUESTS: LabelledText[] = [
  ...[
    'i need a new laptop',
    'can i get a new laptop please',
    'my laptop is old and i want a replacement',
    'request a laptop for a new starter',
    'order a macbook for me',
    'i would like to order a notebook computer',
  ].map((text) => ({ text, intent: 'request-laptop' })),
  ...[
    'i forgot my password',
    'reset my password please',
    'my account is locked out',
    'i cannot log in, password expired',
    'help me change my password',
    'password reset for my windows account',
  ].map((text) => ({ text, intent: 'reset-password' })),
  ...[
    'the wifi is not working',
    'internet is down in the office',
    'i cannot connect to the vpn',
    'network is very slow today',
    'no internet connection on my desk',
    'vpn keeps disconnecting',
  ].map((text) => ({ text, intent: 'incident-network' })),
  ...[
    'i need photoshop installed',
    'please install visual studio code',
    'can i get a licence for adobe acrobat',
    'install software on my machine',
    'request access to microsoft project',
    'i want excel on my computer',
  ].map((text) => ({ text, intent: 'request-software' })),
  ...[
    'what is the weather like tomorrow',
    'tell me a joke',
    'who won the football match',
    'book a table for two at an italian restaurant',
  ].map((text) => ({ text, intent: 'oos' })),
];
