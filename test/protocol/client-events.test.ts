import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClientEvent } from '../../src/protocol/client-event-parser.js';
import { MAX_EVENT_DEPTH } from '../../src/protocol/client-events.js';
import { nestsDeeperThan, utf8Length } from '../../src/protocol/field-validators.js';

const limits = { maxTextBytes: 64, rate: { min: 80, max: 450 }, pitch: { min: 0, max: 100 } };
const parse = (raw: string) => parseClientEvent(raw, false, limits);

function failure(raw: string | Buffer, isBinary = false) {
  const result = parseClientEvent(raw, isBinary, limits);
  if (result.ok) throw new Error(`expected a failure for ${String(raw)}`);
  return result;
}

describe('parseClientEvent', () => {
  it('parses the fixed shapes', () => {
    expect(parse('{"type":"response.create","input":"hi"}')).toEqual({ ok: true, event: { type: 'response.create', input: 'hi' } });
    expect(parse('{"type":"response.create"}')).toEqual({ ok: true, event: { type: 'response.create' } });
    expect(parse('{"type":"text.append","delta":"He"}')).toEqual({ ok: true, event: { type: 'text.append', delta: 'He' } });
    expect(parse('{"type":"text.done"}')).toEqual({ ok: true, event: { type: 'text.done' } });
    expect(parse('{"type":"text.flush","event_id":"f"}')).toEqual({ ok: true, event: { type: 'text.flush', event_id: 'f' } });
    expect(failure('{"type":"text.flush","delta":"x"}').error.code).toBe('INVALID_EVENT');
    expect(parse('{"type":"response.create","input":"hi","voice":"de","rate":200,"pitch":10}')).toEqual({
      ok: true,
      event: { type: 'response.create', input: 'hi', voice: 'de', rate: 200, pitch: 10 },
    });
    expect(parse('{"type":"text.append","delta":"a","voice":"de"}')).toEqual({ ok: true, event: { type: 'text.append', delta: 'a', voice: 'de' } });
    expect(failure('{"type":"response.create","rate":79}').error.message).toBe('Field "rate" must be an integer from 80 to 450.');
    expect(failure('{"type":"text.append","delta":"a","pitch":101}').error.message).toBe('Field "pitch" must be an integer from 0 to 100.');
    expect(failure('{"type":"text.append","delta":"a","voice":""}').error.message).toContain('Field "voice"');
    expect(parse('{"type":"response.cancel","event_id":"e1"}')).toEqual({
      ok: true,
      event: { type: 'response.cancel', event_id: 'e1' },
    });
    expect(parse('{"type":"response.played","response_id":"r","played_ms":1200}')).toEqual({
      ok: true,
      event: { type: 'response.played', response_id: 'r', played_ms: 1200 },
    });
    expect(parse('{"type":"conversation.item.create","item":{"type":"message","role":"user","text":"yo"}}')).toEqual({
      ok: true,
      event: { type: 'conversation.item.create', item: { type: 'message', role: 'user', text: 'yo' } },
    });
    expect(
      parse('{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"c1","output":"{}"}}'),
    ).toEqual({
      ok: true,
      event: { type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'c1', output: '{}' } },
    });
    expect(
      parse(
        '{"type":"session.update","session":{"voice":"en-gb","rate":200,"pitch":40,"audio":{"format":"base64","sample_rate":24000,"frame_ms":20},"text_delta_ms":0,"chunking":{"max_sentence_chars":120,"first_clause_chars":30}}}',
      ),
    ).toEqual({
      ok: true,
      event: {
        type: 'session.update',
        session: {
          voice: 'en-gb',
          rate: 200,
          pitch: 40,
          audio: { format: 'base64', sample_rate: 24000, frame_ms: 20 },
          text_delta_ms: 0,
          chunking: { max_sentence_chars: 120, first_clause_chars: 30 },
        },
      },
    });
  });

  it('validates pronunciations: shape, lengths and count, naming the entry', () => {
    const update = (list: unknown) => parse(JSON.stringify({ type: 'session.update', session: { pronunciations: list } }));
    const message = (list: unknown) => {
      const result = update(list);
      if (result.ok) throw new Error('expected a failure');
      expect(result.error.code).toBe('INVALID_EVENT');
      return result.error.message;
    };
    expect(update([{ text: ' nginx ', say: 'engine   x' }, { text: 'SQL', say: 'sequel', case_sensitive: true }])).toEqual({
      ok: true,
      event: {
        type: 'session.update',
        session: { pronunciations: [{ text: 'nginx', say: 'engine x' }, { text: 'SQL', say: 'sequel', case_sensitive: true }] },
      },
    });
    expect(update([])).toMatchObject({ ok: true, event: { session: { pronunciations: [] } } });
    expect(message({ text: 'a', say: 'b' })).toBe('Field "session.pronunciations" must be an array of at most 100 pronunciations.');
    expect(message(Array.from({ length: 101 }, () => ({ text: 'a', say: 'b' })))).toContain('at most 100');
    expect(message([{ text: 'a', say: 'b' }, { text: 'x'.repeat(65), say: 'b' }])).toBe('Field "session.pronunciations[1].text" must be a string of 1 to 64 characters.');
    expect(message([{ text: 'a', say: 'y'.repeat(257) }])).toBe('Field "session.pronunciations[0].say" must be a string of 1 to 256 characters.');
    expect(message([{ text: 'a', say: '  ' }])).toContain('session.pronunciations[0].say');
    expect(message([{ text: '...', say: 'dots' }])).toBe('Field "session.pronunciations[0].text" must be text with a letter or digit.');
    expect(message([{ text: 'a', say: 'b', case_sensitive: 'yes' }])).toContain('session.pronunciations[0].case_sensitive');
    expect(message([{ text: 'a', say: 'b', lang: 'en' }])).toContain('session.pronunciations[0].lang');
    expect(message(['nginx'])).toBe('Field "session.pronunciations[0]" must be an object.');
  });

  it('gives each kind of bad input its stable code and echoes event_id', () => {
    expect(failure('{"type":').error.code).toBe('INVALID_JSON');
    expect(failure(Buffer.from([1, 2, 3]), true).error.code).toBe('BINARY_NOT_EXPECTED');
    expect(failure('[1,2]').error.code).toBe('INVALID_EVENT');
    expect(failure('"text"').error.code).toBe('INVALID_EVENT');
    const unknown = failure('{"type":"response.explode","event_id":"x9"}');
    expect(unknown.error.code).toBe('UNKNOWN_EVENT');
    expect(unknown.eventId).toBe('x9');
    const wrongType = failure('{"type":"text.append","delta":5,"event_id":"e2"}');
    expect(wrongType.error.code).toBe('INVALID_EVENT');
    expect(wrongType.error.message).toContain('"delta"');
    expect(wrongType.eventId).toBe('e2');
    expect(failure('{"type":"text.append"}').error.code).toBe('INVALID_EVENT');
    expect(failure('{"type":"text.append","delta":"x","extra":1}').error.message).toContain('"extra"');
    expect(failure('{"type":"session.update","session":{"rate":10}}').error.message).toContain('session.rate');
    expect(failure('{"type":"session.update","session":{"text_delta_ms":1001}}').error.message).toBe(
      'Field "session.text_delta_ms" must be an integer from 0 to 1000.',
    );
    expect(failure('{"type":"session.update","session":{"audio":{"sample_rate":44100}}}').error.message).toContain(
      'session.audio.sample_rate',
    );
    expect(failure('{"type":"response.played","response_id":"r","played_ms":-1}').error.code).toBe('INVALID_EVENT');
    expect(failure('{"type":"response.cancel","event_id":7}').error.code).toBe('INVALID_EVENT');
  });

  it('takes the rate and pitch ranges from its limits, and names them when refusing', () => {
    const narrow = { ...limits, rate: { min: 10, max: 20 }, pitch: { min: 3, max: 4 } };
    const update = (session: object) => parseClientEvent(JSON.stringify({ type: 'session.update', session }), false, narrow);
    expect(update({ rate: 20, pitch: 3 })).toEqual({ ok: true, event: { type: 'session.update', session: { rate: 20, pitch: 3 } } });
    for (const [session, named] of [
      [{ rate: 21 }, 'Field "session.rate" must be an integer from 10 to 20.'],
      [{ rate: 9 }, 'Field "session.rate" must be an integer from 10 to 20.'],
      [{ pitch: 5 }, 'Field "session.pitch" must be an integer from 3 to 4.'],
    ] as const) {
      const result = update(session);
      expect(result.ok ? undefined : { code: result.error.code, message: result.error.message }).toEqual({ code: 'INVALID_EVENT', message: named });
    }
  });

  it('refuses text over the byte limit, counting UTF-8 bytes', () => {
    expect(failure(JSON.stringify({ type: 'text.append', delta: 'a'.repeat(65) })).error.code).toBe('TEXT_TOO_LONG');
    // 22 three-byte characters are 66 bytes, over 64, though only 22 UTF-16 units.
    expect(failure(JSON.stringify({ type: 'response.create', input: '€'.repeat(22) })).error.code).toBe('TEXT_TOO_LONG');
    expect(parse(JSON.stringify({ type: 'response.create', input: '€'.repeat(21) })).ok).toBe(true);
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ type: 'text.append', delta: v }))), (raw) => {
        const result = parseClientEvent(raw, false, limits);
        if (!result.ok) expect(typeof result.error.code).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nesting depth', () => {
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('nestsDeeperThan counts arrays and objects, iteratively at any depth', () => {
    expect(nestsDeeperThan(JSON.parse(deep(32)), 32)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(deep(33)), 32)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1, { c: 'x' }] } }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(deep(200_000)), MAX_EVENT_DEPTH)).toBe(true);
  });

  it('a tool schema nested past the limit is INVALID_EVENT, never a throw', () => {
    const raw = `{"type":"session.update","session":{"tools":[{"type":"function","name":"f","description":"d","parameters":{"p":${deep(5000)}}}]}}`;
    expect(failure(raw).error).toMatchObject({ code: 'INVALID_EVENT', message: expect.stringContaining('deeper than 32') });
  });

  it('never throws, whatever JSON nesting arrives', () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'large' }), fc.nat(40), (value, wrap) => {
        const raw = `${'{"type":"session.update","session":'.repeat(1)}${'['.repeat(wrap)}${JSON.stringify(value)}${']'.repeat(wrap)}}`;
        const result = parseClientEvent(raw, false, limits);
        if (!result.ok) expect(result.error.code).not.toBe('INTERNAL');
      }),
      { numRuns: 300 },
    );
  });
});

describe('utf8Length', () => {
  it('equals the UTF-8 encoder’s byte count for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udc00'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))) }), (text) => {
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
  });

  it('a byte-order mark before the JSON is still refused, as before the decoder change', () => {
    const limits = { maxTextBytes: 1000, rate: { min: 80, max: 450 }, pitch: { min: 0, max: 99 } };
    const result = parseClientEvent(Buffer.from('\ufeff{"type":"response.cancel"}'), false, limits);
    expect(result.ok ? 'ok' : result.error.code).toBe('INVALID_JSON');
  });
});
