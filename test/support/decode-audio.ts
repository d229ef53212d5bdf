/**
 * Independent decoders for the speech formats (not the libraries saywire encodes with): mpg123
 * for mp3, libopus with codec-parser's Ogg demuxer for opus, libFLAC's decoder for flac. Each
 * returns the first channel's samples and the rate the stream declares.
 */
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { MPEGDecoder } from 'mpg123-decoder';
import { OggOpusDecoder } from 'ogg-opus-decoder';

export interface DecodedAudio {
  samples: Float32Array;
  sampleRate: number;
  errors: number;
}

interface Decoder {
  ready: Promise<void>;
  free(): void;
}

interface Decoded {
  channelData: Float32Array[];
  sampleRate: number;
  errors: unknown[];
}

async function run<D extends Decoder>(decoder: D, decode: (d: D) => Decoded | Promise<Decoded>): Promise<DecodedAudio> {
  await decoder.ready;
  try {
    const out = await decode(decoder);
    return { samples: out.channelData[0] ?? new Float32Array(0), sampleRate: out.sampleRate, errors: out.errors.length };
  } finally {
    decoder.free();
  }
}

export function decodeAudio(format: 'mp3' | 'opus' | 'flac', bytes: Uint8Array): Promise<DecodedAudio> {
  switch (format) {
    case 'mp3':
      return run(new MPEGDecoder(), (d) => d.decode(bytes));
    case 'opus':
      return run(new OggOpusDecoder(), (d) => d.decodeFile(bytes));
    case 'flac':
      return run(new FLACDecoder(), (d) => d.decodeFile(bytes));
  }
}
