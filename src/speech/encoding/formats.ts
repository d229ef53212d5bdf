/**
 * The audio formats of `POST /v1/audio/speech` (OpenAI's names) and what each one allows. Plain
 * data: the route validates with it on the main thread, the encoders in the workers follow it.
 *
 * A response is encoded sentence by sentence, each sentence in its own pool task, in order. Pool
 * threads have no affinity, so no encoder object can live from one sentence to the next: what a
 * stream must remember (Ogg page numbers, FLAC sample positions) travels with each task as a
 * small {@link StreamState} and comes back updated.
 */

/** The formats saywire answers with. OpenAI's `aac` is not among them (no suitable encoder). */
export const SPEECH_FORMATS = ['mp3', 'opus', 'flac', 'wav', 'pcm'] as const;
export type SpeechFormat = (typeof SPEECH_FORMATS)[number];

/** The formats encoded in the pool; `wav` and `pcm` are PCM16 as it comes from synthesis. */
export type EncodedFormat = Extract<SpeechFormat, 'mp3' | 'opus' | 'flac'>;

export const CONTENT_TYPES: Readonly<Record<SpeechFormat, string>> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg; codecs=opus',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** OpenAI's output rate for every format, Hz. */
export const DEFAULT_SPEECH_RATE = 24_000;

/**
 * Output rates each format accepts, Hz: MPEG audio has a fixed set, Opus codes at five rates; the
 * PCM formats and FLAC take any rate in `ANY_RATE`.
 */
export const FORMAT_RATES: Readonly<Record<SpeechFormat, readonly number[] | undefined>> = {
  mp3: [8000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000],
  opus: [8000, 12_000, 16_000, 24_000, 48_000],
  flac: undefined,
  wav: undefined,
  pcm: undefined,
};

/** The range of rates a format without a fixed set accepts, Hz. */
export const ANY_RATE = { min: 8000, max: 48_000 } as const;

/** True when `format` can be sent at `rate` Hz. */
export function acceptsRate(format: SpeechFormat, rate: number): boolean {
  const rates = FORMAT_RATES[format];
  return rates === undefined ? Number.isInteger(rate) && rate >= ANY_RATE.min && rate <= ANY_RATE.max : rates.includes(rate);
}

/**
 * What an encoded stream carries from one sentence's task to the next. Fresh streams start from
 * {@link newStreamState}.
 */
export interface StreamState {
  /** True once the stream's header has gone out (with the first sentence, even a silent one). */
  begun: boolean;
  /** Samples (at the output rate) encoded so far. */
  samples: number;
  /** Ogg: the stream's serial number and the next page's sequence number. */
  oggSerial: number;
  oggPage: number;
  /** Ogg Opus: the granule position (48 kHz samples, pre-skip included) of the last page. */
  oggGranule: number;
}

/** The state of a stream not yet begun; `serial` tells Ogg streams apart (any 32-bit value). */
export function newStreamState(serial: number): StreamState {
  return { begun: false, samples: 0, oggSerial: serial >>> 0, oggPage: 0, oggGranule: 0 };
}
