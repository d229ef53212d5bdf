/**
 * The speech stage: takes sentences from the sentence queue, synthesizes up to
 * `speechConcurrency` of them at once, and sends them strictly in order: each sentence's
 * `response.sentence`, then its audio through the framer as it arrives. A result that arrives
 * after a cancel is dropped unread; a sentence still queued in the pool is skipped there, and an
 * upstream engine's requests close.
 */
import type { Clock } from '../clock.js';
import { wireSampleRate } from '../protocol/audio-encoding.js';
import type { ServerEvent } from '../protocol/server-events.js';
import type { AudioFramer } from './audio-framer.js';
import type { BoundedQueue } from './bounded-queue.js';
import type { ReadySentence } from './chunk-stage.js';
import type { TurnSettings } from './turn-ports.js';
import type { StreamedSpeech, TurnWorkers } from './turn-workers.js';

export interface SpeechStageInit {
  responseId: string;
  settings: Pick<TurnSettings, 'speechConcurrency' | 'voice' | 'rate' | 'pitch' | 'sampleRate' | 'encoding' | 'pronunciations'>;
  workers: TurnWorkers;
  sentences: BoundedQueue<ReadySentence>;
  framer: AudioFramer;
  emit(event: ServerEvent): void;
  clock: Clock;
}

export class SpeechStage {
  readonly #init: SpeechStageInit;
  #count = 0;
  #firstSentenceAt: number | undefined;

  constructor(init: SpeechStageInit) {
    this.#init = init;
  }

  /** Sentences sent so far. */
  get count(): number {
    return this.#count;
  }

  /** Monotonic ms when the first sentence was sent. */
  get firstSentenceAt(): number | undefined {
    return this.#firstSentenceAt;
  }

  async run(signal: AbortSignal): Promise<void> {
    const { settings, workers, sentences } = this.#init;
    const inFlight: Array<{ sentence: ReadySentence; audio: Promise<StreamedSpeech> }> = [];
    // Resampled in the pool to the rate the wire needs (G.711 is 8 kHz); encoded by the framer.
    const sampleRate = wireSampleRate(settings.encoding, settings.sampleRate);
    let started = 0;
    const start = (sentence: ReadySentence): void => {
      const { voice, rate, pitch, pronunciations } = settings;
      // Until its first sentence is spoken the listener hears nothing: that one goes first.
      const priority = started++ === 0 ? 'first' : 'later';
      const audio = workers.stream({ text: sentence.text, voice, rate, pitch, sampleRate, pronunciations }, signal, priority);
      // A result may be dropped unread after a cancel; its rejection must not go unhandled.
      audio.catch(() => {});
      inFlight.push({ sentence, audio });
    };
    let index = 0;
    for (;;) {
      let next = sentences.tryShift();
      while (next !== undefined) {
        start(next);
        if (inFlight.length >= settings.speechConcurrency) break;
        next = sentences.tryShift();
      }
      if (inFlight.length === 0) {
        const waited = await sentences.shift();
        if (signal.aborted || waited === undefined) return;
        start(waited);
        continue;
      }
      const head = inFlight.shift() as (typeof inFlight)[number];
      const audio = await head.audio;
      if (signal.aborted) return;
      const sending = this.#send(index++, head.sentence, audio, signal);
      // A sentence streams out for as long as its audio arrives (an upstream engine's body, or a
      // pool thread's rest after the early part): the sentences that come meanwhile start at
      // once, so their synthesis overlaps it.
      let sent = false;
      const settled = sending.then(
        () => (sent = true),
        () => (sent = true),
      );
      // The sentence being sent counts as one in flight.
      while (!sent && inFlight.length + 1 < settings.speechConcurrency) {
        await Promise.race([settled, sentences.ready()]);
        const arrived = sent ? undefined : sentences.tryShift();
        if (arrived === undefined) break;
        start(arrived);
      }
      await sending;
      if (signal.aborted) return;
    }
  }

  async #send(index: number, sentence: ReadySentence, audio: StreamedSpeech, signal: AbortSignal): Promise<void> {
    const { text } = sentence;
    this.#firstSentenceAt ??= this.#init.clock.now();
    this.#init.emit({ type: 'response.sentence', response_id: this.#init.responseId, index, text, speech_text: audio.speechText });
    this.#count++;
    await this.#init.framer.send(index, sentence, audio, signal);
  }
}
