/**
 * `opus` speech: Opus packets (libopus through opusscript's WebAssembly build) in an Ogg stream
 * (RFC 7845). Each sentence is coded by a fresh encoder in whichever pool thread takes it; the
 * stream's page numbers and granule position come in with the task and go back out with it.
 */
import OpusScript from 'opusscript';
import { type StreamState, FORMAT_RATES } from './formats.js';
import { concatBytes } from './bytes.js';
import { OGG_BOS, OGG_EOS, lacingCount, oggPage } from './ogg.js';

/** Opus decodes at 48 kHz whatever the coded rate; granule positions count 48 kHz samples. */
const OPUS_CLOCK = 48_000;
/** 20 ms frames: Opus's usual size for speech. */
const FRAME_MS = 20;
/**
 * Samples (48 kHz) a decoder drops at the start: libopus's look-ahead, 2.5 ms plus 4 ms of delay
 * compensation, at every coded rate.
 */
export const OPUS_PRE_SKIP = 312;
/** Bits per second: clear speech at 24 kHz mono. */
const BITRATE = 32_000;
/** libopus's OPUS_SET_COMPLEXITY request. */
const SET_COMPLEXITY = 4010;
/**
 * 0-10, libopus's default 10. In the encoders bench, coding at 10 cost about 8 times what eSpeak's
 * synthesis of the same speech costs, at 5 about 3 times; synthetic speech at 32 kbit/s sounds
 * the same either way.
 */
const COMPLEXITY = 5;
/** Packets per page: about a second of audio, so a page goes out without waiting long. */
const PACKETS_PER_PAGE = 50;

type OpusRate = 8000 | 12_000 | 16_000 | 24_000 | 48_000;

function opusHead(inputRate: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('OpusHead'), 0);
  head[8] = 1; // version
  head[9] = 1; // channels
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, inputRate, true);
  view.setInt16(16, 0, true); // output gain
  head[18] = 0; // channel mapping family: mono/stereo
  return head;
}

function opusTags(): Uint8Array {
  const vendor = new TextEncoder().encode('saywire');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(new TextEncoder().encode('OpusTags'), 0);
  view.setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  view.setUint32(12 + vendor.length, 0, true); // no user comments
  return tags;
}

/**
 * Codes one sentence's PCM16 at `sampleRate` as Ogg pages. The first segment of a stream (page 0)
 * starts with the two header pages; the `final` one ends with an end-of-stream page. The last
 * frame is padded with silence to 20 ms.
 * @throws RangeError when `sampleRate` is not a rate Opus codes at.
 */
export function encodeOggOpus(pcm: Int16Array, sampleRate: number, state: StreamState, final: boolean): { bytes: Uint8Array; state: StreamState } {
  if (!(FORMAT_RATES.opus as readonly number[]).includes(sampleRate)) throw new RangeError(`Opus cannot code ${sampleRate} Hz.`);
  const pages: Uint8Array[] = [];
  let { oggPage: sequence, oggGranule: granule } = state;
  const serial = state.oggSerial;
  if (!state.begun) {
    pages.push(oggPage([opusHead(sampleRate)], { serial, sequence: sequence++, granule: 0, flags: OGG_BOS }));
    pages.push(oggPage([opusTags()], { serial, sequence: sequence++, granule: 0, flags: 0 }));
  }
  const frame = (sampleRate * FRAME_MS) / 1000;
  const packets: Uint8Array[] = [];
  if (pcm.length > 0) {
    const encoder = new OpusScript(sampleRate as OpusRate, 1, OpusScript.Application.VOIP);
    try {
      encoder.setBitrate(BITRATE);
      encoder.encoderCTL(SET_COMPLEXITY, COMPLEXITY);
      const block = new Int16Array(frame);
      for (let at = 0; at < pcm.length; at += frame) {
        block.fill(0);
        block.set(pcm.subarray(at, Math.min(at + frame, pcm.length)));
        // opusscript takes the frame as little-endian bytes.
        packets.push(new Uint8Array(encoder.encode(Buffer.from(block.buffer, 0, block.byteLength), frame)));
      }
    } finally {
      encoder.delete();
    }
  }
  const perPacket = (OPUS_CLOCK * FRAME_MS) / 1000;
  for (let start = 0; start < packets.length; ) {
    const onPage: Uint8Array[] = [];
    let segments = 0;
    while (start < packets.length && onPage.length < PACKETS_PER_PAGE) {
      const packet = packets[start] as Uint8Array;
      if (segments + lacingCount(packet) > 255) break;
      segments += lacingCount(packet);
      onPage.push(packet);
      start++;
    }
    granule += perPacket * onPage.length;
    const last = start === packets.length;
    pages.push(oggPage(onPage, { serial, sequence: sequence++, granule, flags: final && last ? OGG_EOS : 0 }));
  }
  // A final sentence with no audio still has to close the stream: an empty end-of-stream page.
  if (final && packets.length === 0) pages.push(oggPage([], { serial, sequence: sequence++, granule, flags: OGG_EOS }));
  return {
    bytes: concatBytes(pages),
    state: { ...state, begun: true, samples: state.samples + pcm.length, oggPage: sequence, oggGranule: granule },
  };
}
