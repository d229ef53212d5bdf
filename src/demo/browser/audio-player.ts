// The root tsconfig compiles all of src/ without the DOM lib; this file needs it there too.
/**
 * Gapless playback of a response's audio with the Web Audio API. Chunks arrive faster than
 * real time (synthesis is far quicker than speech), so each one is scheduled on the context's
 * clock right after the previous one (`#next`), not played on arrival. What was actually heard
 * is measured on the same clock, so a barge-in can tell the server how far playback got. Every
 * source plays through one analyser, which the level meter reads.
 */

/** Lead before the first buffer of a run (or after an underrun), s: absorbs jitter without an audible gap. */
const START_LEAD_S = 0.05;

/** PCM16 samples as the Float32 samples in [-1, 1) Web Audio plays. */
export function toFloat32(samples: Int16Array): Float32Array<ArrayBuffer> {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i] as number) / 32768;
  return out;
}

interface Scheduled {
  source: AudioBufferSourceNode;
  /** Context time, s. */
  start: number;
  /** s. */
  duration: number;
}

/** One response's audio, scheduled back to back. */
export class PlaybackStream {
  readonly #context: AudioContext;
  readonly #output: AudioNode;
  readonly #live = new Set<Scheduled>();
  #next = 0;
  /** s of buffers that played to their end. */
  #heard = 0;
  #scheduled = 0;
  #buffers = 0;
  /** Sources started and not yet ended (a stopped source ends a moment after `stop()`). */
  #sounding = 0;
  #stopped = false;
  /** Called each time a buffer ends, played out or stopped. */
  onEnded: (() => void) | undefined;

  constructor(context: AudioContext, output: AudioNode) {
    this.#context = context;
    this.#output = output;
  }

  /** Buffers scheduled so far. */
  get buffers(): number {
    return this.#buffers;
  }

  /** True once `stop()` ran: later chunks are refused. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** True while a scheduled buffer has neither played out nor been stopped. */
  get playing(): boolean {
    return this.#live.size > 0;
  }

  /** Sources that have not fired `ended` yet: 0 soon after `stop()` if the audio really stopped. */
  get activeSources(): number {
    return this.#sounding;
  }

  /**
   * Schedules samples right after the previous buffer; returns their start on the context clock
   * (s), or `undefined` when the stream was stopped or the run is empty.
   */
  schedule(samples: Float32Array<ArrayBuffer>, sampleRate: number): number | undefined {
    if (this.#stopped || samples.length === 0) return undefined;
    const context = this.#context;
    const buffer = context.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(samples, 0);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.#output);
    const start = this.#next >= context.currentTime ? this.#next : context.currentTime + START_LEAD_S;
    const entry: Scheduled = { source, start, duration: buffer.duration };
    source.onended = () => {
      this.#sounding--;
      // A source stopped by stop() ends too; stop() has already counted what of it was heard.
      if (this.#live.delete(entry)) this.#heard += entry.duration;
      this.onEnded?.();
    };
    source.start(start);
    this.#sounding++;
    this.#live.add(entry);
    this.#next = start + buffer.duration;
    this.#scheduled += buffer.duration;
    this.#buffers++;
    return start;
  }

  /** Audio heard so far, ms: silence between buffers (underruns) is not counted. */
  playedMs(): number {
    const now = this.#context.currentTime;
    let played = this.#heard;
    for (const { start, duration } of this.#live) played += Math.min(Math.max(now - start, 0), duration);
    return Math.round(played * 1000);
  }

  /** Silences every scheduled buffer at once and refuses later ones; returns the ms heard. */
  stop(): number {
    const played = this.playedMs();
    const live = [...this.#live];
    this.#live.clear();
    this.#stopped = true;
    for (const { source } of live) {
      source.stop();
      source.disconnect();
    }
    return played;
  }
}

/** Owns the page's one AudioContext and the analyser every stream plays through. */
export class AudioPlayer {
  #context: AudioContext | undefined;
  #analyser: AnalyserNode | undefined;
  #samples: Float32Array<ArrayBuffer> | undefined;

  /** Creates or resumes the context; call it from a user gesture, which browsers require before sound. */
  unlock(): void {
    if (this.#context === undefined) {
      this.#context = new AudioContext();
      this.#analyser = this.#context.createAnalyser();
      this.#analyser.fftSize = 1024;
      this.#analyser.connect(this.#context.destination);
      this.#samples = new Float32Array(this.#analyser.fftSize);
    }
    if (this.#context.state === 'suspended') void this.#context.resume();
  }

  /** The context clock, s (0 before `unlock()`). */
  get now(): number {
    return this.#context?.currentTime ?? 0;
  }

  /** The output level now: RMS of the last ~20 ms of output, 0 to 1 (0 before `unlock()`). */
  level(): number {
    const analyser = this.#analyser;
    const samples = this.#samples;
    if (analyser === undefined || samples === undefined) return 0;
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    return Math.min(1, Math.sqrt(sum / samples.length));
  }

  /** A new stream for one response (unlocks the context if needed). */
  stream(): PlaybackStream {
    this.unlock();
    return new PlaybackStream(this.#context as AudioContext, this.#analyser as AnalyserNode);
  }
}
