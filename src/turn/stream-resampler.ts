/**
 * Resamples a PCM16 stream block by block in the pool, as its samples arrive. The main thread
 * keeps only the bookkeeping and the few input samples the next block's first outputs depend on;
 * every new block moves to a worker and its output moves back, never copied. Outputs are released
 * once settled (every tap they need has arrived), so the joined result is exactly the whole
 * stream resampled at once: no seams at block edges.
 */
import type { ResampleTask } from '../pool/contract.js';
import { readyOutputs, resampleContext, resampledLength } from '../speech/resample.js';

/** The pool, as far as resampling needs it. */
export interface ResamplePool {
  resample(task: ResampleTask): Promise<Int16Array>;
}

export class StreamResampler {
  readonly #pool: ResamplePool;
  readonly #from: number;
  readonly #to: number;
  readonly #context: number;
  /** The kept input, from the stream's sample #historyStart; at most about 2 × context samples. */
  #history: Int16Array = new Int16Array(0);
  #historyStart = 0;
  #received = 0;
  #emitted = 0;

  constructor(pool: ResamplePool, fromRate: number, toRate: number) {
    this.#pool = pool;
    this.#from = fromRate;
    this.#to = toRate;
    this.#context = resampleContext(fromRate, toRate);
  }

  /**
   * The output settled by `pcm`, the stream's next samples. `pcm` must own its buffer: it is
   * moved to a worker. Calls must not overlap (each waits for the one before).
   */
  push(pcm: Int16Array): Promise<Int16Array> {
    this.#received += pcm.length;
    return this.#release(pcm, readyOutputs(this.#received, this.#from, this.#to));
  }

  /** The rest of the output, once the stream has ended. */
  end(): Promise<Int16Array> {
    return this.#release(new Int16Array(0), resampledLength(this.#received, this.#from, this.#to));
  }

  #release(pcm: Int16Array, upTo: number): Promise<Int16Array> {
    const first = this.#emitted;
    const count = upTo - first;
    const context = this.#history;
    const inputStart = this.#historyStart;
    // Kept before `pcm` moves: the input the next output's taps reach back to.
    const keepFrom = Math.max(inputStart, Math.floor((upTo * this.#from) / this.#to) - this.#context);
    this.#history = joinedTail(context, pcm, keepFrom - inputStart);
    this.#historyStart = keepFrom;
    if (count <= 0) return Promise.resolve(new Int16Array(0));
    this.#emitted = upTo;
    return this.#pool.resample({ context, pcm, inputStart, fromRate: this.#from, toRate: this.#to, first, count });
  }
}

/** `a` then `b`, from index `from` of the two joined: a fresh array. */
function joinedTail(a: Int16Array, b: Int16Array, from: number): Int16Array {
  const out = new Int16Array(Math.max(0, a.length + b.length - from));
  const fromA = Math.min(from, a.length);
  out.set(a.subarray(fromA));
  out.set(b.subarray(Math.max(0, from - a.length)), a.length - fromA);
  return out;
}
