/**
 * How audio goes on the wire: PCM16LE at the session's rate, or G.711 (µ-law or A-law, 8,000 Hz,
 * one byte per sample) for telephony, where the phone network and its platforms carry nothing
 * else. The names are OpenAI Realtime's; the G.711 codec is `alawmulaw`'s (ITU-T G.711 tables).
 */
import alawmulaw from 'alawmulaw';

/** The encodings a session may ask for. */
export const AUDIO_ENCODINGS = ['pcm16', 'g711_ulaw', 'g711_alaw'] as const;
export type AudioEncoding = (typeof AUDIO_ENCODINGS)[number];

/** G.711 is defined at 8,000 samples per second. */
export const G711_SAMPLE_RATE = 8000;

/** Format codes in a binary frame header (byte 3). */
export const FORMAT_PCM16LE = 1;
export const FORMAT_G711_ULAW = 2;
export const FORMAT_G711_ALAW = 3;

const FORMAT_OF: Record<AudioEncoding, number> = { pcm16: FORMAT_PCM16LE, g711_ulaw: FORMAT_G711_ULAW, g711_alaw: FORMAT_G711_ALAW };

/** The frame header's format code of an encoding. */
export function formatCode(encoding: AudioEncoding): number {
  return FORMAT_OF[encoding];
}

/** The rate audio must be synthesized at for `encoding`: G.711's own, else the session's (`null`: the engine's). */
export function wireSampleRate(encoding: AudioEncoding, pcmSampleRate: number | null): number | null {
  return encoding === 'pcm16' ? pcmSampleRate : G711_SAMPLE_RATE;
}

/** Bytes one sample takes on the wire. */
export function bytesPerSample(encoding: AudioEncoding): number {
  return encoding === 'pcm16' ? 2 : 1;
}

/**
 * A sentence's samples as wire bytes: PCM16 as a view of the same memory (little-endian on every
 * platform Node supports for this server), G.711 freshly encoded.
 */
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

/**
 * Wire bytes of a frame with format code `format` back to PCM16 samples (a fresh, aligned array).
 * @throws Error for a format code this version does not know.
 */
export function decodeSamples(bytes: Uint8Array, format: number): Int16Array {
  switch (format) {
    case FORMAT_PCM16LE: {
      const samples = new Int16Array(bytes.byteLength >> 1);
      new Uint8Array(samples.buffer).set(bytes.subarray(0, samples.byteLength));
      return samples;
    }
    case FORMAT_G711_ULAW:
      return alawmulaw.mulaw.decode(bytes);
    case FORMAT_G711_ALAW:
      return alawmulaw.alaw.decode(bytes);
    default:
      throw new Error(`unknown audio format ${format}`);
  }
}
