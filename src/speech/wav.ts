/** RIFF/WAVE for PCM16 mono: the canonical 44-byte header, little-endian samples. */

/** Bytes of the header `encodeWav` writes. */
export const WAV_HEADER_BYTES = 44;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The data size a streamed WAV declares: unknown, read to the end (what streaming encoders write). */
export const WAV_UNKNOWN_SIZE = 0xffff_ffff;

/**
 * The 44-byte RIFF/WAVE header for PCM16 mono. Without `dataBytes` the sizes say "unknown"
 * ({@link WAV_UNKNOWN_SIZE}), for a body streamed before its length is known.
 * @throws RangeError when `sampleRate` is not a positive integer or the data exceeds 4 GiB.
 */
export function encodeWavHeader(sampleRate: number, dataBytes?: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0 || sampleRate > 0xffff_ffff / 2) {
    throw new RangeError(`WAV sample rate must be a positive integer in Hz, got ${sampleRate}.`);
  }
  if (dataBytes !== undefined && dataBytes > 0xffff_ffff - (WAV_HEADER_BYTES - 8)) {
    throw new RangeError('PCM too large for a WAV file (4 GiB limit).');
  }
  const out = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(out.buffer);
  writeTag(out, 0, 'RIFF');
  view.setUint32(4, dataBytes === undefined ? WAV_UNKNOWN_SIZE : WAV_HEADER_BYTES - 8 + dataBytes, true);
  writeTag(out, 8, 'WAVE');
  writeTag(out, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  writeTag(out, 36, 'data');
  view.setUint32(40, dataBytes ?? WAV_UNKNOWN_SIZE, true);
  return out;
}

/** PCM16 samples as little-endian bytes (a view, no copy, on little-endian hosts). */
export function pcm16Bytes(pcm: Int16Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const out = new Uint8Array(pcm.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < pcm.length; i++) view.setInt16(2 * i, pcm[i] as number, true);
  return out;
}

/**
 * Wraps PCM16 mono samples in a 44-byte RIFF/WAVE header. Returns a fresh buffer of exactly
 * `44 + 2 * pcm.length` bytes.
 * @throws RangeError when `sampleRate` is not a positive integer or the data exceeds 4 GiB.
 */
export function encodeWav(pcm: Int16Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(WAV_HEADER_BYTES + pcm.byteLength);
  out.set(encodeWavHeader(sampleRate, pcm.byteLength), 0);
  out.set(pcm16Bytes(pcm), WAV_HEADER_BYTES);
  return out;
}

function writeTag(out: Uint8Array, offset: number, tag: string): void {
  for (let i = 0; i < 4; i++) out[offset + i] = tag.charCodeAt(i);
}
