/**
 * One reply as the page plays it: its sentences on the audio clock (when each one's audio starts,
 * its word timings once they arrive), the sentence and word sounding at any moment, what had been
 * heard when the user barged in, and the single `played(ms)` report. The page (`app.ts`) decides
 * which reply is current, counts across replies, and talks to the client; this keeps one reply's
 * own state consistent.
 */
import type { AudioChunk, ResponseHandle } from '../../client/index.js';
import { type PlaybackStream, toFloat32 } from './audio-player.js';
import type { ResponseSummary, TurnState } from './demo-state.js';
import { TranscriptTurn, formatTimings } from './transcript.js';
import { type WordTiming, wordAt } from './word-timing.js';

interface Sentence {
  text: string;
  words: WordTiming[] | undefined;
  /** Audio clock time its first chunk starts, s. */
  start: number | undefined;
  shown: boolean;
}

export class PlayingTurn {
  /** What the page exposes of this reply (`window.saywireDemo.turns`). */
  readonly state: TurnState;
  readonly view: TranscriptTurn;
  readonly stream: PlaybackStream;
  readonly handle: ResponseHandle;
  readonly #sentences = new Map<number, Sentence>();
  /** The response is over (done or failed); its audio may still be playing. */
  finished = false;
  #reported = false;

  constructor(handle: ResponseHandle, mode: 'agent' | 'speak', text: string, transcript: HTMLOListElement, stream: PlaybackStream) {
    this.handle = handle;
    this.stream = stream;
    this.view = new TranscriptTurn(transcript, text, mode === 'agent' ? 'Agent' : 'Spoken');
    this.state = {
      id: null,
      mode,
      userText: text,
      status: 'pending',
      scheduledBuffers: 0,
      scheduledMs: 0,
      framesIgnored: 0,
      sentences: [],
      cancelSent: false,
      playedMs: null,
      interrupted: false,
      heardText: null,
      done: null,
    };
    handle.on('response.created', (event) => {
      this.state.id = event.response.id;
      this.state.status = 'running';
      this.view.setMeta('speaking…');
    });
    handle.on('response.sentence', (event) => {
      this.#sentences.set(event.index, { text: event.text, words: undefined, start: undefined, shown: false });
      this.view.addSentence(event.index, event.text);
    });
    handle.on('response.audio.done', (event) => {
      const sentence = this.#sentences.get(event.sentence_index);
      if (sentence === undefined) return;
      sentence.words = event.words;
      this.view.setWords(event.sentence_index, sentence.text, event.words);
    });
  }

  /** Schedules a chunk after the ones before it; false when the stream no longer plays (stopped). */
  play(chunk: AudioChunk): boolean {
    const start = this.stream.schedule(toFloat32(chunk.samples), chunk.header.sampleRate);
    if (start === undefined) return false;
    this.state.scheduledBuffers++;
    this.state.scheduledMs += (chunk.samples.length / chunk.header.sampleRate) * 1000;
    const sentence = this.#sentences.get(chunk.header.sentenceIndex);
    if (sentence !== undefined && sentence.start === undefined) sentence.start = start;
    return true;
  }

  /**
   * At audio clock time `now`: reveals the sentences whose audio has started and highlights the
   * sounding word. Returns the sentences revealed by this call.
   */
  show(now: number): string[] {
    const revealed: string[] = [];
    let sounding = -1;
    for (const [index, sentence] of this.#sentences) {
      if (sentence.start === undefined || now < sentence.start) continue;
      if (!sentence.shown) {
        sentence.shown = true;
        this.view.reveal(index);
        this.state.sentences.push(sentence.text);
        revealed.push(sentence.text);
      }
      sounding = index;
    }
    const sentence = this.#sentences.get(sounding);
    const word = sentence?.words === undefined || sentence.start === undefined ? -1 : wordAt(sentence.words, (now - sentence.start) * 1000);
    this.view.highlight(sounding, word);
    return revealed;
  }

  /**
   * Barge-in at audio clock time `now`: silences the audio at once. A reply still sounding (or
   * still arriving) is marked interrupted and trimmed to the end of the last word heard.
   */
  bargeIn(now: number): void {
    if (this.stream.stopped) return;
    const cut = this.stream.playing || !this.finished;
    const { index, endChar } = this.#heardAt(now);
    this.state.playedMs = this.stream.stop();
    if (cut) {
      this.state.interrupted = true;
      this.state.heardText = this.view.interrupt(index, endChar);
    } else {
      this.view.highlight(-1, -1);
    }
  }

  /** The socket is gone: silence the audio and clear the highlight, trimming nothing. */
  silence(): void {
    if (this.stream.stopped) return;
    this.state.playedMs = this.stream.stop();
    this.view.highlight(-1, -1);
  }

  /** The response's `done`. */
  finish(done: ResponseSummary): void {
    this.state.done = done;
    this.state.status = done.status;
    this.finished = true;
    this.view.setMeta(formatTimings(done, this.state.playedMs));
  }

  /** The response failed (`code`), or the socket closed under it. */
  fail(code: string): void {
    this.finished = true;
    this.state.status = 'failed';
    this.view.setMeta(code === 'CONNECTION_CLOSED' ? 'connection closed' : `failed: ${code}`);
  }

  /**
   * Reports what was heard once, when the response is finished and its playback ended or was
   * stopped; safe to call often. `send` is false when the socket cannot carry the `played`.
   */
  report(send: boolean): void {
    if (this.#reported || !this.finished || this.state.done === null) return;
    if (!this.stream.stopped && this.stream.playing) return;
    this.#reported = true;
    if (this.stream.buffers === 0) return;
    const played = this.state.playedMs ?? this.stream.playedMs();
    this.state.playedMs = played;
    if (send) this.handle.played(played);
    this.view.setMeta(formatTimings(this.state.done, played));
  }

  /** Where playback is: the sounding sentence and the end of its last word heard (the whole sentence if its timings are unknown). */
  #heardAt(now: number): { index: number; endChar: number } {
    let index = -1;
    for (const [i, sentence] of this.#sentences) if (sentence.start !== undefined && sentence.start <= now && i > index) index = i;
    const sentence = this.#sentences.get(index);
    if (sentence === undefined || sentence.start === undefined) return { index: -1, endChar: 0 };
    if (sentence.words === undefined) return { index, endChar: sentence.text.length };
    const elapsed = (now - sentence.start) * 1000;
    const heard = sentence.words.filter((word) => word.start_ms <= elapsed);
    return { index, endChar: heard.at(-1)?.end ?? 0 };
  }
}
