/**
 * Sends one sentence's audio as the session asked: binary frames (a small header, then the
 * samples) or base64 `response.audio.delta` events, `frameMs` of audio each, waiting while the
 * socket is congested, and within the turn's audio budget. Each frame's sequence number follows
 * the last. Samples go out as PCM16 or, for telephony, G.711-encoded here, once per sentence (a
 * table lookup a sample: far cheaper than the frame copies around it).
 */
import type { Clock } from '../clock.js';
import { SaywireError } from '../errors.js';
import { bytesPerSample, formatCode } from '../protocol/audio-encoding.js';
import { encodeSamples } from './sample-encoder.js';
import { encodeAudioFrame } from '../protocol/audio-frame.js';
import type { ServerEvent, WordTimingEvent } from '../protocol/server-events.js';
import type { HeardTranscript } from './heard-transcript.js';
import type { TurnOutput, TurnSettings } from './turn-ports.js';
import type { SpeechAudio } from './turn-workers.js';

export interface AudioFramerInit {
  responseId: string;
  /** Response number in binary frame headers. */
  responseNumber: number;
  settings: Pick<TurnSettings, 'frameMs' | 'audioFormat' | 'encoding' | 'maxTurnAudioMs' | 'voice'>;
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
   * Sends the audio of sentence `index`, then its `response.audio.done` with word timings.
   * @throws SaywireError TURN_BUDGET_EXCEEDED once the turn has sent `maxTurnAudioMs`.
   */
  async send(index: number, text: string, audio: SpeechAudio, signal: AbortSignal): Promise<void> {
    const { settings, output, transcript, clock } = this.#init;
    const samplesPerFrame = Math.max(1, Math.round((audio.sampleRate * settings.frameMs) / 1000));
    const bytes = encodeSamples(audio.pcm, settings.encoding);
    const width = bytesPerSample(settings.encoding);
    let begun = false;
    for (let at = 0; at < audio.pcm.length; at += samplesPerFrame) {
      if (this.#audioMs > settings.maxTurnAudioMs) {
        throw new SaywireError('TURN_BUDGET_EXCEEDED', `The turn produced more than ${settings.maxTurnAudioMs} ms of audio.`);
      }
      await output.whenWritable(signal);
      if (signal.aborted || !this.#init.isOpen()) return;
      const end = Math.min(at + samplesPerFrame, audio.pcm.length);
      this.#frame(index, bytes.subarray(at * width, end * width), audio.sampleRate);
      this.#firstAudioAt ??= clock.now();
      if (!begun) {
        transcript.begin(text, this.#audioMs, audio.words);
        begun = true;
      }
      const frameMs = ((end - at) / audio.sampleRate) * 1000;
      transcript.extend(frameMs);
      this.#audioMs += frameMs;
    }
    this.#init.emit({
      type: 'response.audio.done',
      response_id: this.#init.responseId,
      sentence_index: index,
      duration_ms: Math.round((audio.pcm.length / audio.sampleRate) * 1000),
      sample_rate: audio.sampleRate,
      voice: settings.voice,
      words: audio.words.map((w): WordTimingEvent => ({
        text: text.slice(w.start, w.end),
        start: w.start,
        end: w.end,
        start_ms: Math.round(w.startMs),
        end_ms: Math.round(w.endMs),
      })),
    });
  }

  #frame(sentenceIndex: number, payload: Uint8Array, sampleRate: number): void {
    const { settings, output, responseNumber, responseId } = this.#init;
    const seq = this.#seq + 1;
    if (settings.audioFormat === 'binary') {
      output.sendAudio(encodeAudioFrame({ responseNumber, sentenceIndex, seq, sampleRate, format: formatCode(settings.encoding) }, payload));
    } else {
      const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
      this.#init.emit({ type: 'response.audio.delta', response_id: responseId, sentence_index: sentenceIndex, seq, audio: bytes.toString('base64') });
    }
    this.#seq = seq;
  }
}
