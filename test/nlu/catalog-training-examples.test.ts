import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { catalogTrainingExamples } from '../../src/nlu/catalog-training-examples.js';

const option = (label: string, synonyms: string[] = []) => ({ value: label.toLowerCase(), label, synonyms, attributes: {} });

// Only the parts of the catalog that the function reads.
const catalog = {
  intents: [
    { id: 'request-software', kind: 'request', description: 'Ask for a software licence.', requestType: 'software', examples: ['i need photoshop', 'install an app'] },
    { id: 'greeting', kind: 'greeting', description: 'Say hello.', examples: ['hi'] },
  ],
  requestType: (id: string) =>
    id === 'software'
      ? {
          title: 'Software licence',
          keywords: ['licence', 'install'],
          fields: [
            { id: 'product', type: 'lookup', lookup: 'software-products' },
            { id: 'edition', type: 'choice', options: [option('Standard'), option('Pro', ['professional'])] },
            { id: 'reason', type: 'text' },
          ],
        }
      : undefined,
  lookup: (id: string) => (id === 'software-products' ? { items: [option('Tableau', ['tableau desktop']), option('MATLAB')] } : undefined),
} as unknown as Catalog;

describe('catalogTrainingExamples', () => {
  const { examples, vocabulary } = catalogTrainingExamples(catalog);

  it('When an intent has examples, then each is a training example of that intent', () => {
    expect(examples).toEqual([
      { text: 'i need photoshop', intent: 'request-software' },
      { text: 'install an app', intent: 'request-software' },
      { text: 'hi', intent: 'greeting' },
    ]);
  });

  it("When a request intent's form starts with a choice, then its option names are vocabulary of that intent; later questions' are not", () => {
    const software = vocabulary.filter((v) => v.intent === 'request-software').map((v) => v.text);
    expect(software).toEqual([
      'Ask for a software licence.',
      'Software licence',
      'licence',
      'install',
      'Tableau',
      'tableau desktop',
      'MATLAB',
    ]);
  });

  it('When an intent starts no request, then only its description is vocabulary', () => {
    expect(vocabulary.filter((v) => v.intent === 'greeting')).toEqual([{ text: 'Say hello.', intent: 'greeting' }]);
  });
});
