/**
 * The real eSpeak-NG engine, no mocks: one instance for the file, as a worker holds one.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SynthesisResult, collectSpeech } from '../../src/speech/engine.js';
import { createEspeakEngine, type EspeakEngine, espeakEngine } from '../../src/speech/espeak-engine.js';

const HELLO = 'Hello world, this is a test.';
const DEFAULT_VOICE = 'en-us';
const DEFAULTS = { voice: DEFAULT_VOICE, rate: 175, pitch: 50 };

let engine: EspeakEngine;

beforeAll(async () => {
  engine = await createEspeakEngine();
});

function rms(pcm: Int16Array): number {
  let sum = 0;
  for (const x of pcm) sum += x * x;
  return Math.sqrt(sum / Math.max(1, pcm.length));
}

function samePcm(a: Int16Array, b: Int16Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function durationMs(r: SynthesisResult): number {
  return (r.pcm.length * 1000) / r.sampleRate;
}

function wordTexts(text: string, r: SynthesisResult): string[] {
  return r.words.map((w) => text.slice(w.start, w.end));
}

/** Median fundamental frequency of the loud frames, by autocorrelation, Hz. */
function medianF0(pcm: Int16Array, sampleRate: number): number {
  const frame = 1024;
  const f0s: number[] = [];
  for (let s = 0; s + frame <= pcm.length; s += frame) {
    const slice = pcm.subarray(s, s + frame);
    if (rms(slice) < 1000) continue;
    let best = 0;
    let bestLag = 0;
    for (let lag = Math.floor(sampleRate / 400); lag <= Math.ceil(sampleRate / 60); lag++) {
      let c = 0;
      for (let i = 0; i + lag < frame; i++) c += (slice[i] as number) * (slice[i + lag] as number);
      c /= frame - lag;
      if (c > best) {
        best = c;
        bestLag = lag;
      }
    }
    if (bestLag > 0) f0s.push(sampleRate / bestLag);
  }
  f0s.sort((a, b) => a - b);
  return f0s[f0s.length >> 1] ?? Number.NaN;
}

describe('createEspeakEngine', () => {
  it('describes its name, native rate, ranges and defaults', () => {
    const described = {
      name: 'espeak',
      sampleRate: 22050,
      rate: { min: 80, max: 450, default: 175 },
      pitch: { min: 0, max: 100, default: 50 },
      defaultVoice: DEFAULT_VOICE,
      voiceAliases: expect.objectContaining({ alloy: { voice: 'en-us', pitch: 50 }, cedar: { voice: 'en-gb-x-gbclan', pitch: 35 } }),
    };
    expect(espeakEngine.description).toEqual(described);
    expect(engine.description).toEqual(described);
    expect(engine.synthesize(HELLO, DEFAULTS).sampleRate).toBe(22050);
    // Every stand-in for another API's voice is a voice this engine has, at a pitch it accepts.
    const ids = new Set(engine.voices().map((v) => v.id));
    for (const alias of Object.values(espeakEngine.description.voiceAliases ?? {})) {
      expect(ids.has(alias.voice)).toBe(true);
      expect(alias.pitch).toBeGreaterThanOrEqual(espeakEngine.description.pitch.min);
      expect(alias.pitch).toBeLessThanOrEqual(espeakEngine.description.pitch.max);
    }
  });

  it('speaks the described extremes of rate and pitch', () => {
    const { rate, pitch } = espeakEngine.description;
    for (const options of [{ rate: rate.min, pitch: pitch.min }, { rate: rate.max, pitch: pitch.max }]) {
      expect(engine.synthesize(HELLO, { ...DEFAULTS, ...options }).pcm.length).toBeGreaterThan(1000);
    }
  });

  it('streams the same words as it synthesizes, as one transferable chunk', async () => {
    const streamed = await collectSpeech(engine.stream(HELLO, DEFAULTS), 22050);
    expect(wordTexts(HELLO, streamed)).toEqual(wordTexts(HELLO, engine.synthesize(HELLO, DEFAULTS)));
    expect(streamed.pcm.byteOffset).toBe(0);
    expect(streamed.pcm.buffer.byteLength).toBe(streamed.pcm.byteLength);
  });

  it('lists the default voice among many languages, with unique ids', () => {
    const voices = engine.voices();
    const ids = voices.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(DEFAULT_VOICE);
    for (const id of ['en-gb-x-rp', 'de', 'fr', 'es', 'it', 'pt-br', 'ja', 'cmn']) expect(ids).toContain(id);
    expect(new Set(voices.flatMap((v) => v.languages.map((l) => l.split('-')[0]))).size).toBeGreaterThan(50);
    const us = voices.find((v) => v.id === DEFAULT_VOICE);
    expect(us).toMatchObject({ name: 'English (America)', languages: ['en-us', 'en'] });
    for (const v of voices) {
      expect(v.name.trim()).toBe(v.name);
      expect(v.name.length).toBeGreaterThan(0);
      expect(v.languages.length).toBeGreaterThan(0);
    }
  });

  it('hands out copies of the voice list', () => {
    const first = engine.voices();
    (first[0] as { languages: string[] }).languages.push('xx');
    first.pop();
    const second = engine.voices();
    expect(second.length).toBe(first.length + 1);
    expect(second[0]?.languages).not.toContain('xx');
  });

  it('makes every listed voice speak', () => {
    for (const { id } of engine.voices()) {
      expect(rms(engine.synthesize('One two three.', { ...DEFAULTS, voice: id }).pcm), id).toBeGreaterThan(300);
    }
  });
});

describe('synthesize', () => {
  it('speaks a sentence: audible, of plausible length, on its own buffer', () => {
    const r = engine.synthesize(HELLO, DEFAULTS);
    expect(r.sampleRate).toBe(22050);
    expect(rms(r.pcm)).toBeGreaterThan(1000);
    const perChar = durationMs(r) / HELLO.length;
    expect(perChar).toBeGreaterThan(30);
    expect(perChar).toBeLessThan(150);
    expect(r.pcm.byteOffset).toBe(0);
    expect(r.pcm.buffer.byteLength).toBe(r.pcm.byteLength);
  });

  it('times every word, in order, with offsets into the text', () => {
    const r = engine.synthesize(HELLO, DEFAULTS);
    expect(wordTexts(HELLO, r)).toEqual(['Hello', 'world', 'this', 'is', 'a', 'test']);
    expect(r.words[1]).toMatchObject({ start: 6, end: 11 });
    const duration = Math.round(durationMs(r));
    expect(r.words[0]?.startMs).toBe(0);
    r.words.forEach((w, i) => {
      const next = r.words[i + 1];
      expect(w.endMs).toBeGreaterThan(w.startMs);
      expect(w.endMs).toBe(next === undefined ? duration : next.startMs);
    });
  });

  it('times whole written words: contractions, hyphenated words and dotted acronyms', () => {
    const text = "Don't e-mail the U.S. team; it's a well-known fact, isn't it?";
    expect(wordTexts(text, engine.synthesize(text, DEFAULTS))).toEqual([
      "Don't", 'e-mail', 'the', 'U.S.', 'team', "it's", 'a', 'well-known', 'fact', "isn't", 'it',
    ]);
  });

  it('makes no audio for text with nothing to say', () => {
    for (const text of ['', ' ', '...', '\u2014 !']) {
      const r = engine.synthesize(text, DEFAULTS);
      expect(r.pcm.length, JSON.stringify(text)).toBe(0);
      expect(r.words).toEqual([]);
    }
  });

  // eSpeak keeps oscillator and flutter counters running from one call to the next, so the same
  // call twice differs by a few samples; the output is a pure function of the call history.
  it('is reproducible: a fresh engine given the same calls gives the same PCM', async () => {
    const calls: Array<[string, typeof DEFAULTS]> = [
      [HELLO, DEFAULTS],
      ['Guten Tag.', { ...DEFAULTS, voice: 'de', rate: 300, pitch: 90 }],
      [HELLO, DEFAULTS],
    ];
    const [first, second] = await Promise.all([createEspeakEngine(), createEspeakEngine()]);
    for (const [text, options] of calls) {
      const a = (first as EspeakEngine).synthesize(text, options);
      const b = (second as EspeakEngine).synthesize(text, options);
      expect(samePcm(a.pcm, b.pcm)).toBe(true);
      expect(b.words).toEqual(a.words);
    }
  });

  it('says the same thing twice in a row, to within a few ms', () => {
    const a = engine.synthesize(HELLO, DEFAULTS);
    engine.synthesize('Guten Tag.', { ...DEFAULTS, voice: 'de', rate: 300, pitch: 90 });
    const b = engine.synthesize(HELLO, DEFAULTS);
    expect(Math.abs(durationMs(b) - durationMs(a))).toBeLessThan(5);
    expect(b.words.map((w) => [w.start, w.end])).toEqual(a.words.map((w) => [w.start, w.end]));
    b.words.forEach((w, i) => expect(Math.abs(w.startMs - (a.words[i]?.startMs ?? Number.NaN))).toBeLessThan(5));
  });

  it('speaks slower at a lower rate', () => {
    const slow = durationMs(engine.synthesize(HELLO, { ...DEFAULTS, rate: 80 }));
    const normal = durationMs(engine.synthesize(HELLO, DEFAULTS));
    const fast = durationMs(engine.synthesize(HELLO, { ...DEFAULTS, rate: 450 }));
    expect(slow).toBeGreaterThan(normal * 1.5);
    expect(fast).toBeLessThan(normal / 1.5);
  });

  it('speaks higher at a higher pitch', () => {
    const text = 'Hello world, this is a test of the pitch setting.';
    const low = medianF0(engine.synthesize(text, { ...DEFAULTS, pitch: 20 }).pcm, 22050);
    const mid = medianF0(engine.synthesize(text, { ...DEFAULTS, pitch: 50 }).pcm, 22050);
    const high = medianF0(engine.synthesize(text, { ...DEFAULTS, pitch: 80 }).pcm, 22050);
    expect(mid).toBeGreaterThan(low * 1.1);
    expect(high).toBeGreaterThan(mid * 1.1);
  });

  it('sounds different with another voice', () => {
    const us = engine.synthesize(HELLO, DEFAULTS);
    const rp = engine.synthesize(HELLO, { ...DEFAULTS, voice: 'en-gb-x-rp' });
    expect(rp.pcm.length).not.toBe(us.pcm.length);
    expect(wordTexts(HELLO, rp)).toEqual(wordTexts(HELLO, us));
  });

  it('rejects an unknown voice by name, and out-of-range settings', () => {
    expect(() => engine.synthesize(HELLO, { ...DEFAULTS, voice: 'xx-nowhere' })).toThrow(RangeError);
    expect(() => engine.synthesize(HELLO, { ...DEFAULTS, voice: 'xx-nowhere' })).toThrow(/"xx-nowhere"/);
    expect(() => engine.synthesize(HELLO, { ...DEFAULTS, voice: 'gmw/en-US' })).toThrow(RangeError);
    expect(() => engine.synthesize(HELLO, { ...DEFAULTS, rate: 79 })).toThrow(RangeError);
    expect(() => engine.synthesize(HELLO, { ...DEFAULTS, rate: 451 })).toThrow(RangeError);
    expect(() => engine.synthesize(HELLO, { ...DEFAULTS, pitch: -1 })).toThrow(/pitch/);
    expect(() => engine.synthesize(HELLO, { ...DEFAULTS, pitch: Number.NaN })).toThrow(RangeError);
  });

  it('reads markup characters as text: a "<" does not swallow the rest', () => {
    const text = 'if a<b then c, use <script> tags & more.';
    expect(wordTexts(text, engine.synthesize(text, DEFAULTS))).toEqual(
      expect.arrayContaining(['then', 'c', 'script', 'tags', '&', 'more']),
    );
    // "[[" would switch eSpeak to phoneme input: "h@l'oU" would be spoken as "hello".
    const brackets = "say [[h@l'oU]] now.";
    const asText = engine.synthesize(brackets, DEFAULTS);
    expect(durationMs(asText)).toBeGreaterThan(durationMs(engine.synthesize('say hello now.', DEFAULTS)) + 300);
    expect(wordTexts(brackets, asText)).toEqual(expect.arrayContaining(['say', 'now']));
    const entity = 'Tom &amp; Jerry.';
    expect(wordTexts(entity, engine.synthesize(entity, DEFAULTS))).toEqual(expect.arrayContaining(['Tom', 'amp', 'Jerry']));
  });

  it('maps offsets past characters outside the BMP (eSpeak counts code points)', () => {
    const text = 'Café 😀 smile, naïve world.';
    const r = engine.synthesize(text, DEFAULTS);
    const words = wordTexts(text, r);
    expect(words).toEqual(expect.arrayContaining(['Café', 'smile', 'naïve', 'world']));
    const world = r.words.find((w) => text.slice(w.start, w.end) === 'world');
    expect(world?.start).toBe(text.indexOf('world'));
  });

  it('gives a number or a date that eSpeak reads as several words one timing per written part', () => {
    const text = 'It costs 3.50 today, on 2024-01-02.';
    expect(wordTexts(text, engine.synthesize(text, DEFAULTS))).toEqual(['It', 'costs', '3.50', 'today', 'on', '2024', '01', '02']);
  });

  it('returns silence without words for text with nothing to say', () => {
    for (const text of ['', '   ', '...']) {
      const r = engine.synthesize(text, DEFAULTS);
      expect(r.words).toEqual([]);
      expect(rms(r.pcm)).toBeLessThan(50);
    }
  });

  it('keeps word ranges valid for any text', () => {
    const piece = fc.oneof(
      fc.constantFrom('<', '>', '&', '&amp;', ' ', '  ', '.', ',', '😀', 'é', 'e\u0301', '3.50', '\n', '\u0000', '[[', 'world'),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const r = engine.synthesize(text, DEFAULTS);
        expect(r.pcm.buffer.byteLength).toBe(r.pcm.byteLength);
        let previousEnd = 0;
        let previousMs = 0;
        for (const w of r.words) {
          expect(w.start).toBeGreaterThanOrEqual(previousEnd);
          expect(w.end).toBeGreaterThan(w.start);
          expect(w.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(w.start, w.end).trim()).toBe(text.slice(w.start, w.end));
          expect(w.startMs).toBeGreaterThanOrEqual(previousMs);
          expect(w.endMs).toBeGreaterThanOrEqual(w.startMs);
          previousEnd = w.end;
          previousMs = w.startMs;
        }
      }),
      { numRuns: 150 },
    );
  });
});
