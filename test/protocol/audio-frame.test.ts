/** Binary audio frames: the format byte, and PCM16 frames unchanged by the G.711 codes. */
import { describe, expect, it } from 'vitest';
import alawmulaw from 'alawmulaw';
import { FORMAT_G711_ALAW, FORMAT_G711_ULAW, FORMAT_PCM16LE, G711_ALAW_TABLE, G711_ULAW_TABLE } from '../../src/protocol/audio-encoding.js';
import { encodeSamples } from '../../src/turn/sample-encoder.js';
import { AUDIO_FRAME_HEADER_BYTES, decodeAudioFrame, encodeAudioFrame } from '../../src/protocol/audio-frame.js';

const header = { responseNumber: 7, sentenceIndex: 2, seq: 41, sampleRate: 8000 };

describe('audio frames', () => {
  it('a PCM16 frame is byte for byte what it was before formats were added', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768]);
    const frame = encodeAudioFrame(header, samples);
    expect(encodeAudioFrame({ ...header, format: FORMAT_PCM16LE }, samples)).toEqual(frame);
    expect([...frame.subarray(0, 4)]).toEqual([0x53, 0x57, 1, 1]);
    expect([...frame.subarray(AUDIO_FRAME_HEADER_BYTES)]).toEqual([0, 0, 1, 0, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x80]);
    const decoded = decodeAudioFrame(frame);
    expect(decoded.header).toEqual({ version: 1, format: FORMAT_PCM16LE, ...header });
    expect([...decoded.samples]).toEqual([...samples]);
  });

  it.each([
    ['g711_ulaw', FORMAT_G711_ULAW],
    ['g711_alaw', FORMAT_G711_ALAW],
  ] as const)('a %s frame carries one byte a sample and names its format', (encoding, format) => {
    const samples = Int16Array.from({ length: 160 }, (_, i) => Math.round(8000 * Math.sin(i / 5)));
    const bytes = encodeSamples(samples, encoding);
    expect(bytes.byteLength).toBe(160);
    const frame = encodeAudioFrame({ ...header, format }, bytes);
    expect(frame.byteLength).toBe(AUDIO_FRAME_HEADER_BYTES + 160);
    const decoded = decodeAudioFrame(frame);
    expect(decoded.header.format).toBe(format);
    expect([...decoded.payload]).toEqual([...bytes]);
    // Companding keeps each sample within its segment's step: under 4% of a loud sample here.
    decoded.samples.forEach((s, i) => expect(Math.abs(s - (samples[i] as number))).toBeLessThanOrEqual(Math.max(16, Math.abs(samples[i] as number) * 0.04)));
  });

  it("expands every G.711 code as the server's codec library does", () => {
    const codes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...G711_ULAW_TABLE]).toEqual([...alawmulaw.mulaw.decode(codes)]);
    expect([...G711_ALAW_TABLE]).toEqual([...alawmulaw.alaw.decode(codes)]);
  });

  it('refuses a format it does not know', () => {
    expect(() => decodeAudioFrame(encodeAudioFrame({ ...header, format: 9 }, new Uint8Array(4)))).toThrow('unknown audio format 9');
  });
});
