import { describe, expect, it } from 'vitest';
import { openHarness } from '../conversation/engine-harness.js';
import { TestClock } from '../support/test-clock.js';

/**
 * What the reports need that a conversation records as it goes: the step a form stands at,
 * and the classifier's decision on each free-text message.
 */
describe('What conversations record for the reports', () => {
  it('When a person leaves a form after answering its first question, then the abandonment report names the step they left at, and each message counts in the classifier report', async () => {
    const clock = new TestClock(new Date('2026-03-02T09:00:00Z'));
    const h = await openHarness({ clock });
    try {
      const chat = h.chat('ben.walker@example.com', 'left-a-form');
      await chat.say('I need a work phone');
      await chat.say('pixel');
      await h.engine.markAbandonedDialogs(new Date('2026-03-03T10:00:00Z'));
      const other = h.chat('ben.walker@example.com', 'unclear');
      await other.say('zxqv plorb wibble');

      const query = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') };
      const abandonment = await h.deps.reports.run('abandonment', query);
      // The phone was chosen, so the form stood at the next question ("reason") when it was left.
      const reasonLabel = h.deps.catalog.requestType('mobile-phone')!.fields.find((f) => f.id === 'reason')!.label;
      expect(abandonment.tables[0]!.rows).toEqual([['Mobile phone', reasonLabel, 1, 100]]);

      const nlu = await h.deps.reports.run('nlu-confidence', query);
      expect(nlu.summary).toEqual([
        { label: 'Messages classified', value: 2, unit: 'count' },
        { label: 'Sent to triage', value: 50, unit: 'percent' },
      ]);
      const deflection = await h.deps.reports.run('deflection', query);
      expect(deflection.tables[0]!.rows).toEqual([
        ['Conversations started', 2, null],
        ['Ended without an agent (deflected)', 1, 50],
        ['Handed to an agent', 1, 50],
        ['First messages classified', 2, null],
        ['First messages sent to triage', 1, 50],
      ]);
    } finally {
      await h.dispose();
    }
  });
});
