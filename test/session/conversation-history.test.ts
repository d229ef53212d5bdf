import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationHistory } from '../../src/session/conversation-history.js';

describe('ConversationHistory', () => {
  it('drops the oldest items past the character budget', () => {
    const history = new ConversationHistory(10);
    history.add({ role: 'user', text: 'aaaa' });
    history.add({ role: 'assistant', text: 'bbbb' });
    history.add({ role: 'user', text: 'cccc' });
    expect(history.items()).toEqual([
      { role: 'assistant', text: 'bbbb' },
      { role: 'user', text: 'cccc' },
    ]);
    expect(history.chars).toBe(8);
  });

  it('keeps the newest item even when it alone is over budget', () => {
    const history = new ConversationHistory(3);
    history.add({ role: 'user', text: 'hello there' });
    expect(history.length).toBe(1);
  });

  it('replaces a reply with what was heard', () => {
    const history = new ConversationHistory(100);
    history.add({ role: 'assistant', text: 'One. Two. Three.' }, 'r1');
    history.replaceReply('r1', 'One.');
    expect(history.items()).toEqual([{ role: 'assistant', text: 'One.' }]);
    expect(history.chars).toBe(4);
  });

  it('never holds more than the budget plus the newest item, for any sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.array(fc.string({ maxLength: 80 }), { maxLength: 60 }), (max, texts) => {
        const history = new ConversationHistory(max);
        for (const text of texts) {
          history.add({ role: 'user', text });
          const items = history.items();
          const newest = items.at(-1) as { text: string };
          expect(history.chars - newest.text.length).toBeLessThanOrEqual(max);
          expect(history.chars).toBe(items.reduce((n, i) => n + (i as { text: string }).text.length, 0));
        }
      }),
    );
  });
});
