import { describe, expect, it } from 'vitest';
import { encodeWav, WAV_HEADER_BYTES } from '../../src/speech/wav.js';
import { parseWavHeader } from '../support/wav-header.js';

const ascii = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));

describe('encodeWav', () => {
  it('writes the canonical 44-byte PCM16 mono header, field by field', () => {
    const pcm = Int16Array.of(0, 1, -1, 32767, -32768);
    const wav = encodeWav(pcm, 22050);
    const view = new DataView(wav.buffer);
    expect(wav.length).toBe(44 + 10);
    expect(WAV_HEADER_BYTES).toBe(44);
    expect(ascii(wav, 0)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(36 + 10);
    expect(ascii(wav, 8)).toBe('WAVE');
    expect(ascii(wav, 12)).toBe('fmt ');
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(22050);
    expect(view.getUint32(28, true)).toBe(44100);
    expect(view.getUint16(32, true)).toBe(2);
    expect(view.getUint16(34, true)).toBe(16);
    expect(ascii(wav, 36)).toBe('data');
    expect(view.getUint32(40, true)).toBe(10);
  });

  it('stores samples little-endian, from a view at any offset', () => {
    const backing = Int16Array.of(7, 0x0102, -2, 9);
    const wav = encodeWav(backing.subarray(1, 3), 16000);
    expect([...wav.subarray(44)]).toEqual([0x02, 0x01, 0xfe, 0xff]);
    expect(wav.byteOffset).toBe(0);
    expect(wav.buffer.byteLength).toBe(wav.byteLength);
  });

  it('encodes empty audio as a header alone', () => {
    const wav = encodeWav(new Int16Array(0), 24000);
    expect(wav.length).toBe(44);
    expect(parseWavHeader(wav)).toMatchObject({ dataOffset: 44, dataBytes: 0, sampleRate: 24000 });
  });

  it('rejects a sample rate that is not a positive integer', () => {
    for (const bad of [0, -1, 22050.5, Number.NaN]) expect(() => encodeWav(new Int16Array(1), bad)).toThrow(RangeError);
  });
});

describe('parseWavHeader', () => {
  it('round-trips what encodeWav writes', () => {
    const pcm = Int16Array.from({ length: 1001 }, (_, i) => (i * 37) % 65536 - 32768);
    const wav = encodeWav(pcm, 48000);
    const info = parseWavHeader(wav);
    expect(info).toEqual({
      audioFormat: 1,
      channels: 1,
      sampleRate: 48000,
      byteRate: 96000,
      blockAlign: 2,
      bitsPerSample: 16,
      dataOffset: 44,
      dataBytes: 2002,
    });
    const back = new Int16Array(wav.slice(info.dataOffset, info.dataOffset + info.dataBytes).buffer);
    expect([...back]).toEqual([...pcm]);
  });

  it('skips chunks it does not know, with their padding byte', () => {
    const wav = encodeWav(Int16Array.of(5, 6), 8000);
    const list = [...'LIST'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]);
    const withList = new Uint8Array([...wav.subarray(0, 36), ...list, ...wav.subarray(36)]);
    const info = parseWavHeader(withList.subarray(0));
    expect(info).toMatchObject({ sampleRate: 8000, dataOffset: 44 + list.length, dataBytes: 4 });
  });

  it('reads a header inside a larger buffer', () => {
    const wav = encodeWav(Int16Array.of(1, 2, 3), 16000);
    const framed = new Uint8Array(wav.length + 8);
    framed.set(wav, 8);
    expect(parseWavHeader(framed.subarray(8))).toMatchObject({ sampleRate: 16000, dataOffset: 44, dataBytes: 6 });
  });

  it('says what is wrong with a file that is not WAV', () => {
    const wav = encodeWav(Int16Array.of(1), 16000);
    expect(() => parseWavHeader(new Uint8Array(10))).toThrow(/RIFF\/WAVE/);
    const noData = wav.slice(0, 36);
    expect(() => parseWavHeader(noData)).toThrow(/no data chunk/);
    const noFmt = new Uint8Array([...wav.subarray(0, 12), ...wav.subarray(36)]);
    expect(() => parseWavHeader(noFmt)).toThrow(/data chunk before fmt/);
    const shortFmt = wav.slice(0, 24);
    expect(() => parseWavHeader(shortFmt)).toThrow(/fmt chunk too short/);
  });
});
