/**
 * Binary audio frames: a fixed 20-byte little-endian header, then mono samples in the format the
 * header names: PCM16LE (the default), or G.711 µ-law or A-law at 8,000 Hz, one byte a sample.
 * The G.711 codes were added without a version change: a PCM16 session's frames are byte for byte
 * what they were, and a client that checks the format byte refuses the others cleanly.
 *
 * | offset | type | field                                   |
 * |--------|------|-----------------------------------------|
 * | 0      | u8×2 | magic "SW" (0x53 0x57)                  |
 * | 2      | u8   | version (1)                             |
 * | 3      | u8   | format (1 = PCM16LE, 2 = G.711 µ-law, 3 = G.711 A-law) |
 * | 4      | u32  | response number (per connection, from 1) |
 * | 8      | u32  | sentence index within the response      |
 * | 12     | u32  | frame sequence number within the response |
 * | 16     | u32  | sample rate, Hz                          |
 */

import { FORMAT_PCM16LE, decodeSamples } from './audio-encoding.js';

export { FORMAT_G711_ALAW, FORMAT_G711_ULAW, FORMAT_PCM16LE } from './audio-encoding.js';

export const AUDIO_FRAME_HEADER_BYTES = 20;
export const AUDIO_FRAME_VERSION = 1;

export interface AudioFrameHeader {
  version: number;
  format: number;
  responseNumber: number;
  sentenceIndex: number;
  seq: number;
  sampleRate: number;
}

/**
 * Builds one frame from a header and its payload (copied once, behind the header): PCM16 samples,
 * or wire bytes already in the header's `format` (PCM16LE when none is given). Plain typed
 * arrays, no `Buffer`: this file is also the browser client's frame reader.
 */
export function encodeAudioFrame(
  header: Omit<AudioFrameHeader, 'version' | 'format'> & { format?: number },
  payload: Int16Array | Uint8Array,
): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(AUDIO_FRAME_HEADER_BYTES + payload.byteLength);
  const view = new DataView(frame.buffer);
  frame[0] = 0x53;
  frame[1] = 0x57;
  frame[2] = AUDIO_FRAME_VERSION;
  frame[3] = header.format ?? FORMAT_PCM16LE;
  view.setUint32(4, header.responseNumber, true);
  view.setUint32(8, header.sentenceIndex, true);
  view.setUint32(12, header.seq, true);
  view.setUint32(16, header.sampleRate, true);
  // Typed arrays are little-endian on every platform Node supports for this server.
  frame.set(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength), AUDIO_FRAME_HEADER_BYTES);
  return frame;
}

/** Reads only a frame's header (no copy of the samples); throws on a frame that is not ours. */
export function readAudioFrameHeader(frame: Uint8Array): AudioFrameHeader {
  if (frame.byteLength < AUDIO_FRAME_HEADER_BYTES || frame[0] !== 0x53 || frame[1] !== 0x57) {
    throw new Error('not a saywire audio frame');
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return {
    version: view.getUint8(2),
    format: view.getUint8(3),
    responseNumber: view.getUint32(4, true),
    sentenceIndex: view.getUint32(8, true),
    seq: view.getUint32(12, true),
    sampleRate: view.getUint32(16, true),
  };
}

/**
 * Reads a frame's header and its samples, as PCM16 whatever the format (G.711 decoded), and the
 * payload bytes as they came; throws on a frame that is not ours or of an unknown format.
 */
export function decodeAudioFrame(frame: Uint8Array): { header: AudioFrameHeader; samples: Int16Array; payload: Uint8Array } {
  const header = readAudioFrameHeader(frame);
  const payload = frame.subarray(AUDIO_FRAME_HEADER_BYTES);
  // Decoded into a fresh, aligned buffer: a received frame may sit at any offset of a pooled one.
  return { header, samples: decodeSamples(payload, header.format), payload };
}
