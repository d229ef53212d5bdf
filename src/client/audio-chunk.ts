/**
 * Audio as the client hands it out: PCM16 samples with the frame's header fields, whether the
 * session asked for binary frames or base64 `response.audio.delta` events.
 */
import { type AudioEncoding, decodeSamples, formatCode } from '../protocol/audio-encoding.js';
import { AUDIO_FRAME_HEADER_BYTES, AUDIO_FRAME_VERSION, type AudioFrameHeader, FORMAT_PCM16LE, decodeAudioFrame, readAudioFrameHeader } from '../protocol/audio-frame.js';
import type { ServerEvent } from '../protocol/server-events.js';

/** One run of audio of a response. */
export interface AudioChunk {
  type: 'audio';
  header: AudioFrameHeader;
  /** PCM16 mono samples at `header.sampleRate` (G.711 audio decoded). */
  samples: Int16Array;
  /** The bytes as they came on the wire, in the header's `format`. */
  payload: Uint8Array;
}

/**
 * Decodes a binary frame. PCM16 samples are a view of the frame when they sit at an even offset
 * (a received `ArrayBuffer` starts at 0, so they do), else a copy; G.711 is expanded. Throws on a
 * frame that is not saywire's or of an unknown format.
 */
export function audioChunkOfFrame(frame: Uint8Array): AudioChunk {
  const header = readAudioFrameHeader(frame);
  if (header.format !== FORMAT_PCM16LE || (frame.byteOffset + AUDIO_FRAME_HEADER_BYTES) % 2 !== 0) return { type: 'audio', ...decodeAudioFrame(frame) };
  const count = (frame.byteLength - AUDIO_FRAME_HEADER_BYTES) >> 1;
  const payload = frame.subarray(AUDIO_FRAME_HEADER_BYTES);
  return { type: 'audio', header, samples: new Int16Array(frame.buffer, frame.byteOffset + AUDIO_FRAME_HEADER_BYTES, count), payload };
}

/**
 * Decodes a base64 `response.audio.delta`. The event has no response number, sample rate or
 * encoding: the caller supplies them (the response's place on the connection, the session's
 * audio settings).
 */
export function audioChunkOfDelta(
  event: Extract<ServerEvent, { type: 'response.audio.delta' }>,
  responseNumber: number,
  audio: { sampleRate: number; encoding: AudioEncoding },
): AudioChunk {
  // atob is in browsers and in Node 16+: one decoder for both.
  const binary = atob(event.audio);
  const payload = new Uint8Array(binary.length);
  for (let i = 0; i < payload.length; i++) payload[i] = binary.charCodeAt(i);
  const format = formatCode(audio.encoding);
  const header: AudioFrameHeader = {
    version: AUDIO_FRAME_VERSION,
    format,
    responseNumber,
    sentenceIndex: event.sentence_index,
    seq: event.seq,
    sampleRate: audio.sampleRate,
  };
  return { type: 'audio', header, samples: decodeSamples(payload, format), payload };
}
