/**
 * The pure pieces of an upstream engine's audio path: PCM bytes cut anywhere by the network
 * become the same samples; estimated word timings are ordered and inside the audio; a stream
 * resampled block by block equals the whole stream resampled at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateWordTimings, speechWordSpans } from '../../src/speech/estimated-timings.js';
import { SampleAssembler } from '../../src/speech/openai-speech-engine.js';
import { readyOutputs, resamplePcm16, resamplePcm16Range, resampledLength } from '../../src/speech/resample.js';
import { StreamResampler } from '../../src/turn/stream-resampler.js';

/** Cuts `length` into pieces at the given fractions (sorted, deduplicated). */
function cuts(length: number, fractions: number[]): Array<[number, number]> {
  const points = [...new Set(fractions.map((f) => Math.floor(f * length)))].sort((a, b) => a - b);
  const edges = [0, ...points.filter((p) => p > 0 && p < length), length];
  return edges.slice(1).map((end, i) => [edges[i] as number, end]);
}

describe('SampleAssembler', () => {
  it('gives the same samples however the bytes are cut, each on its own exactly sized buffer', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 200 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (values, fractions) => {
        const bytes = new Uint8Array(new Int16Array(values).buffer);
        const assembler = new SampleAssembler();
        const out: number[] = [];
        for (const [from, to] of cuts(bytes.length, fractions)) {
          const pcm = assembler.push(bytes.subarray(from, to));
          expect(pcm.byteOffset).toBe(0);
          expect(pcm.buffer.byteLength).toBe(pcm.byteLength);
          out.push(...pcm);
        }
        expect(out).toEqual(values);
      }),
    );
  });

  it('holds an odd byte until the next chunk completes the sample', () => {
    const assembler = new SampleAssembler();
    expect([...assembler.push(new Uint8Array([0x34]))]).toEqual([]);
    expect([...assembler.push(new Uint8Array([0x12, 0xff]))]).toEqual([0x1234]);
    expect([...assembler.push(new Uint8Array([0x7f]))]).toEqual([0x7fff]);
  });
});

describe('estimated word timings', () => {
  it('finds the spoken words with their offsets', () => {
    expect(speechWordSpans("Don't stop, twenty-five!")).toEqual([
      { speechStart: 0, speechEnd: 5 },
      { speechStart: 6, speechEnd: 10 },
      { speechStart: 12, speechEnd: 18 },
      { speechStart: 19, speechEnd: 23 },
    ]);
  });

  it('for any words and length: starts never decrease, every time lies within the audio, the last ends at its end', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(500), { maxLength: 30 }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.001, max: 60_000, noNaN: true }), (offsets, length, durationMs) => {
        const words = [...offsets].sort((a, b) => a - b).map((o, i) => ({ start: i, end: i + 1, speechStart: o, speechEnd: o + 1 }));
        const timings = estimateWordTimings(words, length, durationMs);
        expect(timings.length).toBe(words.length);
        timings.forEach((t, i) => {
          expect(t.startMs).toBeGreaterThanOrEqual(i === 0 ? 0 : (timings[i - 1]?.startMs as number));
          expect(t.endMs).toBeGreaterThanOrEqual(t.startMs);
          expect(t.endMs).toBeLessThanOrEqual(durationMs);
        });
        if (timings.length > 0) expect(timings.at(-1)?.endMs).toBe(durationMs);
      }),
    );
  });

  it('no audio, no timings', () => {
    expect(estimateWordTimings([{ start: 0, end: 2, speechStart: 0, speechEnd: 2 }], 2, 0)).toEqual([]);
  });
});

describe('resampling a stream block by block', () => {
  /** The pool's resample task, run here: the bookkeeping is what is under test. */
  const inProcess = {
    resample: async (task: { context: Int16Array; pcm: Int16Array; inputStart: number; fromRate: number; toRate: number; first: number; count: number }) => {
      const input = new Int16Array(task.context.length + task.pcm.length);
      input.set(task.context);
      input.set(task.pcm, task.context.length);
      return resamplePcm16Range(input, task.inputStart, task.fromRate, task.toRate, task.first, task.count);
    },
  };
  const rates = fc.constantFrom([24_000, 16_000], [24_000, 8_000], [24_000, 48_000], [24_000, 22_050], [22_050, 16_000]);

  it('equals the whole stream resampled at once, for any rates and any cuts', async () => {
    await fc.assert(
      fc.asyncProperty(rates, fc.array(fc.integer({ min: -20000, max: 20000 }), { minLength: 1, maxLength: 600 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }), async ([from, to], values, fractions) => {
        const whole = new Int16Array(values);
        const stream = new StreamResampler(inProcess, from, to);
        const out: number[] = [];
        for (const [a, b] of cuts(whole.length, fractions)) out.push(...(await stream.push(whole.slice(a, b))));
        out.push(...(await stream.end()));
        expect(out).toEqual([...resamplePcm16(whole, from, to)]);
      }),
    );
  });

  it('releases only settled outputs before the end, and all of them at the end', () => {
    for (const received of [0, 1, 10, 100, 10_000]) {
      expect(readyOutputs(received, 24_000, 16_000)).toBeLessThanOrEqual(resampledLength(received, 24_000, 16_000));
    }
    expect(readyOutputs(10_000, 24_000, 16_000)).toBeGreaterThan(resampledLength(10_000, 24_000, 16_000) - 20);
  });
});
