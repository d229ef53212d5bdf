/**
 * One sentence's audio in an encoded format: the worker-side entry of speech encoding, picking the
 * format's encoder. Runs in a pool thread; the main thread only orders the tasks and writes bytes.
 */
import { encodeFlac } from './flac.js';
import type { EncodedFormat, StreamState } from './formats.js';
import { encodeMp3 } from './mp3.js';
import { encodeOggOpus } from './ogg-opus.js';

export interface EncodedSegment {
  /** A fresh, exactly sized array: safe to transfer. */
  bytes: Uint8Array;
  state: StreamState;
}

/**
 * Codes `pcm` (PCM16 mono at `sampleRate`) as the next segment of a `format` stream in `state`;
 * `final` marks the stream's last segment (Ogg closes its stream there).
 */
export async function encodeSegment(format: EncodedFormat, pcm: Int16Array, sampleRate: number, state: StreamState, final: boolean): Promise<EncodedSegment> {
  switch (format) {
    case 'mp3':
      return encodeMp3(pcm, sampleRate, state);
    case 'opus':
      return encodeOggOpus(pcm, sampleRate, state, final);
    case 'flac':
      return encodeFlac(pcm, sampleRate, state);
  }
}
