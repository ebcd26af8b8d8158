import { normalise } from './option-matching.js';

export type ControlWord = 'cancel' | 'back' | 'help' | 'agent';

/** Said at any point of a dialog; matched whole, with "please" and the like ignored. */
const phrases: Record<ControlWord, string[]> = {
  cancel: [
    'cancel',
    'stop',
    'quit',
    'exit',
    'abort',
    'never mind',
    'nevermind',
    'forget it',
    'cancel that',
    'cancel this',
    'cancel it',
    'cancel the request',
    'start over',
  ],
  back: ['back', 'go back', 'previous', 'previous question', 'undo'],
  help: ['help', '?', 'help me', 'what can i say', 'what do i say', 'what can i do', 'i dont understand', 'i do not understand'],
  agent: [
    'agent',
    'human',
    'a human',
    'person',
    'a person',
    'talk to a person',
    'talk to a human',
    'talk to an agent',
    'talk to someone',
    'speak to a person',
    'speak to someone',
    'speak to an agent',
    'real person',
    'operator',
    'service desk',
    'contact the service desk',
  ],
};

const fillers = /^(please|pls|ok|okay|oh|ah|well|so|then|actually|i want to|i would like to|can i|could i|let me)\s+|\s+(please|pls|now|then)$/g;

export function controlWord(text: string): ControlWord | undefined {
  let said = normalise(text);
  // "ok then never mind": a few fillers peeled off, one at a time.
  for (let i = 0; i < 3; i++) said = said.replace(fillers, '').trim();
  said ||= normalise(text);
  if (said === '' && text.trim() === '?') return 'help';
  for (const [word, list] of Object.entries(phrases) as Array<[ControlWord, string[]]>) {
    if (list.includes(said)) return word;
  }
  return undefined;
}
