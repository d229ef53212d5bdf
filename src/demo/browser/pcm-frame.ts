/**
 * Reads saywire's binary audio frames in the browser: a 20-byte little-endian header (see
 * docs/protocol.md), then PCM16LE mono samples, turned into the Float32 samples Web Audio plays.
 */

/** Header size of a binary audio frame, bytes. */
export const FRAME_HEADER_BYTES = 20;

/** Format code of PCM16 little-endian mono, the only one in protocol version 1. */
const FORMAT_PCM16LE = 1;

/** One decoded frame. */
export interface PcmFrame {
  /** Response number on this connection, from 1 (counts `response.created` events). */
  responseNumber: number;
  /** Sentence index within the response, from 0. */
  sentenceIndex: number;
  /** Frame sequence number within the response, from 0. */
  seq: number;
  /** Hz. */
  sampleRate: number;
  /** Samples in [-1, 1). */
  samples: Float32Array<ArrayBuffer>;
}

/** Decodes a frame; throws on one that is not a saywire PCM16 frame. */
export function parsePcmFrame(data: ArrayBuffer): PcmFrame {
  const view = new DataView(data);
  if (data.byteLength < FRAME_HEADER_BYTES || view.getUint8(0) !== 0x53 || view.getUint8(1) !== 0x57) {
    throw new Error('not a saywire audio frame');
  }
  if (view.getUint8(3) !== FORMAT_PCM16LE) throw new Error(`unsupported audio format ${view.getUint8(3)}`);
  const count = (data.byteLength - FRAME_HEADER_BYTES) >> 1;
  const samples = new Float32Array(count);
  // DataView reads little-endian explicitly, so big-endian hosts decode the same samples.
  for (let i = 0; i < count; i++) samples[i] = view.getInt16(FRAME_HEADER_BYTES + 2 * i, true) / 32768;
  return {
    responseNumber: view.getUint32(4, true),
    sentenceIndex: view.getUint32(8, true),
    seq: view.getUint32(12, true),
    sampleRate: view.getUint32(16, true),
    samples,
  };
}
