/**
 * How audio goes on the wire: PCM16LE at the session's rate, or G.711 (µ-law or A-law, 8,000 Hz,
 * one byte per sample) for telephony, where the phone network and its platforms carry nothing
 * else. The names are OpenAI Realtime's.
 *
 * This file is also the browser client's, so it imports nothing: the server encodes with
 * `alawmulaw` (`src/turn/sample-encoder.ts`); decoding is G.711's fixed expansion, a 256-entry
 * table per law built here (a test holds it equal to the library's decoder).
 */

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

/** ITU-T G.711 µ-law expansion: complemented code, sign, 3-bit segment, 4-bit step, bias 0x84. */
function ulawSample(code: number): number {
  const u = ~code & 0xff;
  const segment = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << segment) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** ITU-T G.711 A-law expansion: even bits inverted, sign bit set for positive values. */
function alawSample(code: number): number {
  const a = code ^ 0x55;
  const segment = (a >> 4) & 0x07;
  const step = a & 0x0f;
  const magnitude = segment === 0 ? (step << 4) + 8 : ((step << 4) + 0x108) << (segment - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

/** Each law's 256 codes expanded once. */
export const G711_ULAW_TABLE: Int16Array = Int16Array.from({ length: 256 }, (_, code) => ulawSample(code));
export const G711_ALAW_TABLE: Int16Array = Int16Array.from({ length: 256 }, (_, code) => alawSample(code));

function expand(bytes: Uint8Array, table: Int16Array): Int16Array {
  const samples = new Int16Array(bytes.byteLength);
  for (let i = 0; i < bytes.byteLength; i++) samples[i] = table[bytes[i] as number] as number;
  return samples;
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
      return expand(bytes, G711_ULAW_TABLE);
    case FORMAT_G711_ALAW:
      return expand(bytes, G711_ALAW_TABLE);
    default:
      throw new Error(`unknown audio format ${format}`);
  }
}
