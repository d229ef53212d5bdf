/**
 * Sends one sentence's audio as the session asked: binary frames (a small header, then PCM16) or
 * base64 `response.audio.delta` events, `frameMs` of audio each, waiting while the socket is
 * congested, and within the turn's audio budget. Each frame's sequence number follows the last.
 */
import type { Clock } from '../clock.js';
import { SaywireError } from '../errors.js';
import { encodeAudioFrame } from '../protocol/audio-frame.js';
import type { ServerEvent, WordTimingEvent } from '../protocol/server-events.js';
import type { ReadySentence } from './chunk-stage.js';
import type { HeardTranscript } from './heard-transcript.js';
import type { TurnOutput, TurnSettings } from './turn-ports.js';
import type { SpeechAudio } from './turn-workers.js';

export interface AudioFramerInit {
  responseId: string;
  /** Response number in binary frame headers. */
  responseNumber: number;
  settings: Pick<TurnSettings, 'frameMs' | 'audioFormat' | 'maxTurnAudioMs'>;
  output: TurnOutput;
  /** Sends an event of the turn (refused once the turn is done). */
  emit(event: ServerEvent): void;
  /** False once the turn's `response.done` is out: no frame may follow it. */
  isOpen(): boolean;
  transcript: HeardTranscript;
  clock: Clock;
}

export class AudioFramer {
  readonly #init: AudioFramerInit;
  #seq = -1;
  #audioMs = 0;
  #firstAudioAt: number | undefined;

  constructor(init: AudioFramerInit) {
    this.#init = init;
  }

  /** Sequence number of the last frame sent (-1 before the first). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** Audio sent so far, ms. */
  get audioMs(): number {
    return this.#audioMs;
  }

  /** Monotonic ms of the first frame. */
  get firstAudioAt(): number | undefined {
    return this.#firstAudioAt;
  }

  /**
   * Sends the audio of sentence `index`, then its `response.audio.done` with word timings; the
   * sentence's server-added latency goes to the output once its first frame is on the socket.
   * @throws SaywireError TURN_BUDGET_EXCEEDED once the turn has sent `maxTurnAudioMs`.
   */
  async send(index: number, sentence: ReadySentence, audio: SpeechAudio, signal: AbortSignal): Promise<void> {
    const { settings, output, transcript, clock } = this.#init;
    const { text } = sentence;
    const samplesPerFrame = Math.max(1, Math.round((audio.sampleRate * settings.frameMs) / 1000));
    let begun = false;
    for (let at = 0; at < audio.pcm.length; at += samplesPerFrame) {
      if (this.#audioMs > settings.maxTurnAudioMs) {
        throw new SaywireError('TURN_BUDGET_EXCEEDED', `The turn produced more than ${settings.maxTurnAudioMs} ms of audio.`);
      }
      await output.whenWritable(signal);
      if (signal.aborted || !this.#init.isOpen()) return;
      const samples = audio.pcm.subarray(at, at + samplesPerFrame);
      this.#frame(index, samples, audio.sampleRate);
      const now = clock.now();
      this.#firstAudioAt ??= now;
      if (!begun) {
        output.sentenceLatency?.(now - sentence.readyAt);
        transcript.begin(text, this.#audioMs, audio.words);
        begun = true;
      }
      const frameMs = (samples.length / audio.sampleRate) * 1000;
      transcript.extend(frameMs);
      this.#audioMs += frameMs;
    }
    this.#init.emit({
      type: 'response.audio.done',
      response_id: this.#init.responseId,
      sentence_index: index,
      duration_ms: Math.round((audio.pcm.length / audio.sampleRate) * 1000),
      sample_rate: audio.sampleRate,
      words: audio.words.map((w): WordTimingEvent => ({
        text: text.slice(w.start, w.end),
        start: w.start,
        end: w.end,
        start_ms: Math.round(w.startMs),
        end_ms: Math.round(w.endMs),
      })),
    });
  }

  #frame(sentenceIndex: number, samples: Int16Array, sampleRate: number): void {
    const { settings, output, responseNumber, responseId } = this.#init;
    const seq = this.#seq + 1;
    if (settings.audioFormat === 'binary') {
      output.sendAudio(encodeAudioFrame({ responseNumber, sentenceIndex, seq, sampleRate }, samples));
    } else {
      const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
      this.#init.emit({ type: 'response.audio.delta', response_id: responseId, sentence_index: sentenceIndex, seq, audio: bytes.toString('base64') });
    }
    this.#seq = seq;
  }
}
