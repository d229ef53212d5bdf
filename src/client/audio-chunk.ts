/**
 * Audio as the client hands it out: PCM16 samples with the frame's header fields, whether the
 * session asked for binary frames or base64 `response.audio.delta` events.
 */
import { AUDIO_FRAME_HEADER_BYTES, AUDIO_FRAME_VERSION, type AudioFrameHeader, FORMAT_PCM16LE, decodeAudioFrame, readAudioFrameHeader } from '../protocol/audio-frame.js';
import type { ServerEvent } from '../protocol/server-events.js';

/** One run of audio of a response. */
export interface AudioChunk {
  type: 'audio';
  header: AudioFrameHeader;
  /** PCM16 mono samples at `header.sampleRate`. */
  samples: Int16Array;
}

/**
 * Decodes a binary frame. The samples are a view of the frame when they sit at an even offset
 * (a received `ArrayBuffer` starts at 0, so they do), else a copy. Throws on a frame that is not
 * saywire's.
 */
export function audioChunkOfFrame(frame: Uint8Array): AudioChunk {
  if ((frame.byteOffset + AUDIO_FRAME_HEADER_BYTES) % 2 !== 0) return { type: 'audio', ...decodeAudioFrame(frame) };
  const header = readAudioFrameHeader(frame);
  const count = (frame.byteLength - AUDIO_FRAME_HEADER_BYTES) >> 1;
  return { type: 'audio', header, samples: new Int16Array(frame.buffer, frame.byteOffset + AUDIO_FRAME_HEADER_BYTES, count) };
}

/**
 * Decodes a base64 `response.audio.delta`. The event has no response number or sample rate:
 * the caller supplies them (the response's place on the connection, the session's rate).
 */
export function audioChunkOfDelta(
  event: Extract<ServerEvent, { type: 'response.audio.delta' }>,
  responseNumber: number,
  sampleRate: number,
): AudioChunk {
  // atob is in browsers and in Node 16+: one decoder for both.
  const binary = atob(event.audio);
  const samples = new Int16Array(binary.length >> 1);
  for (let i = 0; i < samples.length; i++) {
    const value = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
    samples[i] = value >= 0x8000 ? value - 0x10000 : value;
  }
  const header: AudioFrameHeader = {
    version: AUDIO_FRAME_VERSION,
    format: FORMAT_PCM16LE,
    responseNumber,
    sentenceIndex: event.sentence_index,
    seq: event.seq,
    sampleRate,
  };
  return { type: 'audio', header, samples };
}
