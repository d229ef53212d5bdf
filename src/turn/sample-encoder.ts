/**
 * A sentence's samples as wire bytes, for the audio framer: PCM16 as a view of the same memory
 * (little-endian on every platform Node supports for this server), G.711 freshly encoded with
 * `alawmulaw` (ITU-T G.711 tables). Server-side only: the browser client never encodes.
 */
import alawmulaw from 'alawmulaw';
import type { AudioEncoding } from '../protocol/audio-encoding.js';

export function encodeSamples(samples: Int16Array, encoding: AudioEncoding): Uint8Array {
  switch (encoding) {
    case 'pcm16':
      return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
    case 'g711_ulaw':
      return alawmulaw.mulaw.encode(samples);
    case 'g711_alaw':
      return alawmulaw.alaw.encode(samples);
  }
}
