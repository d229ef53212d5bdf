/**
 * Sends one sentence's audio as the session asked: binary frames (a small header, then the
 * samples) or base64 `response.audio.delta` events, `frameMs` of audio each, waiting while the
 * socket is congested, and within the turn's audio budget. Each frame's sequence number follows
 * the last. Samples go out as PCM16 or, for telephony, G.711-encoded here, a frame at a time (a
 * table lookup a sample: far cheaper than the frame copies around it).
 * Audio that arrives in pieces (an upstream's body) is framed as it comes: a frame leaves as soon
 * as its samples are in, and only the part of a frame a piece leaves unfilled waits for the next.
 */
import type { Clock } from '../clock.js';
import { SaywireError } from '../errors.js';
import { formatCode } from '../protocol/audio-encoding.js';
import { encodeAudioFrame } from '../protocol/audio-frame.js';
import type { ServerEvent, WordTimingEvent } from '../protocol/server-events.js';
import type { ReadySentence } from './chunk-stage.js';
import type { HeardTranscript } from './heard-transcript.js';
import type { TurnOutput, TurnSettings } from './turn-ports.js';
import type { SpokenWord } from '../pool/contract.js';
import type { StreamedSpeech } from './turn-workers.js';
import { encodeSamples } from './sample-encoder.js';

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
   * Sends the audio of sentence `index` as it arrives, then its `response.audio.done` with word
   * timings. Returns early, sending nothing more, once `signal` aborts or the turn is done. The
   * sentence's server-added latency goes to the output once its first frame is on the socket.
   * @throws SaywireError TURN_BUDGET_EXCEEDED once the turn has sent `maxTurnAudioMs`; whatever
   *   the audio's pieces reject with (an upstream failing part-way).
   */
  async send(index: number, sentence: ReadySentence, audio: StreamedSpeech, signal: AbortSignal): Promise<void> {
    const { text } = sentence;
    const samplesPerFrame = Math.max(1, Math.round((audio.sampleRate * this.#init.settings.frameMs) / 1000));
    // Shared with the transcript from the first frame on: estimated timings join it at the end.
    const words: SpokenWord[] = [];
    let begun = false;
    let samples = 0;
    /** Sends one frame; false once nothing more may be sent. */
    const frame = async (pcm: Int16Array): Promise<boolean> => {
      const { settings, output, transcript, clock } = this.#init;
      if (this.#audioMs > settings.maxTurnAudioMs) {
        throw new SaywireError('TURN_BUDGET_EXCEEDED', `The turn produced more than ${settings.maxTurnAudioMs} ms of audio.`);
      }
      // Asked first: a frame that need not wait skips the wait's promise (a sentence is a burst of them).
      if (output.isCongested()) await output.whenWritable(signal);
      if (signal.aborted || !this.#init.isOpen()) return false;
      this.#frame(index, encodeSamples(pcm, settings.encoding), audio.sampleRate);
      const now = clock.now();
      this.#firstAudioAt ??= now;
      if (!begun) {
        output.sentenceLatency?.(now - sentence.readyAt);
        transcript.begin(text, this.#audioMs, words);
        begun = true;
      }
      const frameMs = (pcm.length / audio.sampleRate) * 1000;
      transcript.extend(frameMs);
      this.#audioMs += frameMs;
      samples += pcm.length;
      return true;
    };
    /** Samples of a frame that the last piece left unfilled. */
    let partial: Int16Array = new Int16Array(0);
    for await (const piece of audio.pieces) {
      words.push(...piece.words);
      let pcm = piece.pcm;
      if (partial.length > 0) {
        const joined = new Int16Array(Math.min(samplesPerFrame, partial.length + pcm.length));
        joined.set(partial);
        joined.set(pcm.subarray(0, joined.length - partial.length), partial.length);
        pcm = pcm.subarray(joined.length - partial.length);
        partial = joined;
        if (partial.length < samplesPerFrame) continue;
        if (!(await frame(partial))) return;
        partial = new Int16Array(0);
      }
      let at = 0;
      for (; at + samplesPerFrame <= pcm.length; at += samplesPerFrame) {
        if (!(await frame(pcm.subarray(at, at + samplesPerFrame)))) return;
      }
      partial = pcm.subarray(at);
    }
    if (partial.length > 0 && !(await frame(partial))) return;
    // Pieces that stopped because the turn was cancelled are not a finished sentence.
    if (signal.aborted) return;
    this.#init.emit({
      type: 'response.audio.done',
      response_id: this.#init.responseId,
      sentence_index: index,
      duration_ms: Math.round((samples / audio.sampleRate) * 1000),
      sample_rate: audio.sampleRate,
      voice: this.#init.settings.voice,
      estimated: audio.estimated,
      words: words.map((w): WordTimingEvent => ({
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
