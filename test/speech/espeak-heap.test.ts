/**
 * eSpeak-NG does not leak: its module heap neither grows nor fills up over hundreds of sentences.
 * The heap is private to the engine, so the package's module factory is wrapped to keep a
 * reference to the module it builds; the module itself, and every synthesis, is the real one.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createEspeakEngine, type EspeakEngine } from '../../src/speech/espeak-engine.js';

interface NativeHeap {
  HEAP8: Int8Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

const built = vi.hoisted(() => ({ modules: [] as NativeHeap[] }));

vi.mock('@echogarden/espeak-ng-emscripten', async (importOriginal) => {
  const real = (await importOriginal()) as { default: (args: unknown) => Promise<NativeHeap> };
  return {
    default: async (args: unknown) => {
      const native = await real.default(args);
      built.modules.push(native);
      return native;
    },
  };
});

/** The heap's size, and where the allocator places a fresh 1 MiB block (it moves if memory leaks). */
function heapStats(native: NativeHeap): { heapBytes: number; probeAddress: number } {
  const probeAddress = native._malloc(1 << 20);
  native._free(probeAddress);
  return { heapBytes: native.HEAP8.buffer.byteLength, probeAddress };
}

let engine: EspeakEngine;
let native: NativeHeap;

beforeAll(async () => {
  engine = await createEspeakEngine();
  expect(built.modules).toHaveLength(1);
  native = built.modules[0] as NativeHeap;
});

describe('eSpeak-NG memory', () => {
  it('does not grow the heap over hundreds of sentences', () => {
    const sentences = [
      'Hello world, this is a test.',
      'The quick brown fox jumps over the lazy dog.',
      'I can book a table for two at seven tonight, if you like.',
      'Café 😀 & <friends>, naïve.',
      'Your order 4521 ships on 2024-03-01.',
    ];
    const voices = ['en-us', 'de', 'en-gb-x-rp'];
    const run = (count: number): void => {
      for (let i = 0; i < count; i++) {
        engine.synthesize(`${sentences[i % sentences.length]} Number ${1000 + i}.`, {
          voice: voices[Math.floor(i / 10) % 3] as string,
          rate: 175,
          pitch: 50,
        });
      }
    };
    // Warm-up: every voice loaded, every sentence seen, so eSpeak's caches are at their size.
    run(30);
    const before = heapStats(native);
    run(300);
    expect(heapStats(native)).toEqual(before);
  });
});
