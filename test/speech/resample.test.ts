import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resamplePcm16, resampledLength } from '../../src/speech/resample.js';

function sine(frequency: number, sampleRate: number, seconds: number, amplitude = 10_000): Int16Array {
  const out = new Int16Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
  return out;
}

/** Frequency from rising zero crossings between the first and the last one, Hz. */
function frequencyOf(pcm: Int16Array, sampleRate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < pcm.length; i++) {
    const a = pcm[i - 1] as number;
    const b = pcm[i] as number;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  const first = crossings[0] as number;
  const last = crossings[crossings.length - 1] as number;
  return ((crossings.length - 1) * sampleRate) / (last - first);
}

function rms(pcm: Int16Array): number {
  let sum = 0;
  for (const x of pcm) sum += x * x;
  return Math.sqrt(sum / pcm.length);
}

const RATES = [8000, 16000, 22050, 24000, 44100, 48000];

describe('resamplePcm16', () => {
  it('keeps the duration: length scales with the rate ratio', () => {
    const input = new Int16Array(22050);
    for (const to of RATES) {
      const out = resamplePcm16(input, 22050, to);
      expect(out.length).toBe(to);
      expect(out.length).toBe(resampledLength(input.length, 22050, to));
    }
    fc.assert(
      fc.property(fc.nat(5000), fc.constantFrom(...RATES), fc.constantFrom(...RATES), (length, from, to) => {
        const out = resamplePcm16(new Int16Array(length), from, to);
        expect(Math.abs(out.length - (length * to) / from)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('keeps a tone at its frequency and level, up and down', () => {
    for (const [frequency, from, to] of [
      [440, 22050, 16000],
      [440, 22050, 48000],
      [1000, 22050, 8000],
      [3000, 22050, 24000],
      [200, 16000, 22050],
    ] as const) {
      const input = sine(frequency, from, 0.5);
      const out = resamplePcm16(input, from, to);
      expect(frequencyOf(out, to)).toBeCloseTo(frequency, 0);
      const inner = out.subarray(Math.round(to * 0.05), Math.round(to * 0.45));
      expect(rms(inner) / (10_000 / Math.SQRT2)).toBeCloseTo(1, 1);
    }
  });

  it('filters out what the lower rate cannot carry', () => {
    // 6 kHz is above the 4 kHz Nyquist rate of 8 kHz audio: passed through it would alias to 2 kHz.
    const out = resamplePcm16(sine(6000, 22050, 0.5), 22050, 8000);
    expect(rms(out.subarray(400, out.length - 400))).toBeLessThan(10_000 * 0.01);
  });

  it('keeps a constant level exactly, edges included', () => {
    for (const level of [-32768, -1234, 0, 1, 32767]) {
      for (const to of [8000, 16000, 48000]) {
        expect(resamplePcm16(new Int16Array(3000).fill(level), 22050, to).every((x) => x === level)).toBe(true);
      }
    }
  });

  it('returns a fresh buffer, exactly sized, even for the same rate or a view', () => {
    const backing = new Int16Array(100).map((_, i) => i * 100);
    const view = backing.subarray(10, 60);
    for (const to of [22050, 16000, 48000]) {
      const out = resamplePcm16(view, 22050, to);
      expect(out.buffer).not.toBe(backing.buffer);
      expect(out.byteOffset).toBe(0);
      expect(out.buffer.byteLength).toBe(out.byteLength);
    }
    const same = resamplePcm16(view, 22050, 22050);
    expect([...same]).toEqual([...view]);
    same[0] = -1;
    expect(view[0]).toBe(1000);
  });

  it('handles empty and one-sample input', () => {
    expect(resamplePcm16(new Int16Array(0), 22050, 16000).length).toBe(0);
    expect([...resamplePcm16(Int16Array.of(500), 22050, 48000)]).toEqual([500, 500]);
  });

  it('rejects rates that are not positive integers', () => {
    for (const bad of [0, -8000, 16000.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resamplePcm16(new Int16Array(10), bad, 16000)).toThrow(RangeError);
      expect(() => resamplePcm16(new Int16Array(10), 22050, bad)).toThrow(/toRate/);
    }
  });
});
