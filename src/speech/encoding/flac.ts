/**
 * `flac` speech: a FLAC stream (RFC 9639) of PCM16 mono, written here. Each sentence becomes
 * frames of its own, in whichever pool thread takes it; frames use the variable-blocksize
 * strategy, so each names its first sample's position (carried in the stream state) and no
 * frame depends on another. Subframes are constant, fixed-predictor (orders 0-4, the order with
 * the smallest residual) or verbatim, whichever is shortest; residuals are Rice-coded in one
 * partition. That is FLAC's fast path: a few percent larger than `flac -5`, and lossless.
 *
 * Why not libFLAC: its encoder keeps a stream's state in one WebAssembly heap, which cannot follow
 * a stream from one pool thread to the next.
 */
import { BitWriter } from './bytes.js';
import type { StreamState } from './formats.js';

/** Samples per frame. */
const BLOCK = 4096;
/** The smallest frame FLAC allows before the stream's last (STREAMINFO's minimum). */
const MIN_BLOCK = 16;
/** A short tail is folded into the frame before it, so frames stay within the declared range. */
const MAX_BLOCK = BLOCK + MIN_BLOCK - 1;
/** Largest Rice parameter with the 4-bit parameter field (15 is the escape code). */
const MAX_RICE = 14;

const CRC8 = crcTable(0x07, 8);
const CRC16 = crcTable(0x8005, 16);

function crcTable(poly: number, bits: number): Uint16Array {
  const top = 1 << (bits - 1);
  const mask = (1 << bits) - 1;
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << (bits - 8);
    for (let k = 0; k < 8; k++) r = r & top ? ((r << 1) ^ poly) & mask : (r << 1) & mask;
    table[i] = r;
  }
  return table;
}

function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = CRC8[crc ^ b] as number;
  return crc;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) & 0xffff) ^ (CRC16[(crc >> 8) ^ b] as number);
  return crc;
}

/** `fLaC` and the STREAMINFO block. Total samples and the MD5 say "unknown" (0), as a stream's must. */
function streamHeader(w: BitWriter, sampleRate: number): void {
  for (const c of 'fLaC') w.write(c.charCodeAt(0), 8);
  w.write(1, 1); // last metadata block
  w.write(0, 7); // STREAMINFO
  w.write(34, 24);
  w.write(MIN_BLOCK, 16);
  w.write(MAX_BLOCK, 16);
  w.write(0, 24); // min frame size: unknown
  w.write(0, 24); // max frame size: unknown
  w.write(sampleRate, 20);
  w.write(0, 3); // channels - 1
  w.write(15, 5); // bits per sample - 1
  w.write(0, 4); // total samples (36 bits): unknown
  w.write(0, 16);
  w.write(0, 16);
  for (let i = 0; i < 16; i++) w.write(0, 8); // MD5: unknown
}

/** The frame header's position field: a UTF-8-like code of up to 36 bits. */
function writeCodedNumber(w: BitWriter, value: number): void {
  if (value < 0x80) {
    w.write(value, 8);
    return;
  }
  let bytes = 2;
  while (value >= 2 ** (5 * bytes + 1)) bytes++;
  const tail = bytes - 1;
  const head = Math.floor(value / 2 ** (6 * tail));
  w.write(((0xff << (8 - bytes)) & 0xff) | head, 8);
  for (let i = tail - 1; i >= 0; i--) w.write(0x80 | (Math.floor(value / 2 ** (6 * i)) & 0x3f), 8);
}

/** Fixed-predictor residuals of `order` for `x`, from sample `order` on. */
function residuals(x: Int16Array, order: number): Int32Array {
  const r = new Int32Array(x.length - order);
  for (let n = order; n < x.length; n++) {
    const a = x[n] as number;
    const b = x[n - 1] as number;
    const c = x[n - 2] as number;
    const d = x[n - 3] as number;
    const e = x[n - 4] as number;
    r[n - order] = order === 0 ? a : order === 1 ? a - b : order === 2 ? a - 2 * b + c : order === 3 ? a - 3 * b + 3 * c - d : a - 4 * b + 6 * c - 4 * d + e;
  }
  return r;
}

const zigzag = (v: number): number => (v >= 0 ? 2 * v : -2 * v - 1);

/** Bits the residuals take with Rice parameter `k`. */
function riceBits(r: Int32Array, k: number): number {
  let bits = r.length * (k + 1);
  for (const v of r) bits += zigzag(v) >>> k;
  return bits;
}

/** The best Rice parameter near the one the mean suggests, and its cost in bits. */
function bestRice(r: Int32Array): { k: number; bits: number } {
  let sum = 0;
  for (const v of r) sum += zigzag(v);
  const mean = r.length === 0 ? 0 : sum / r.length;
  const guess = mean < 1 ? 0 : Math.min(MAX_RICE, Math.floor(Math.log2(mean)));
  let best = { k: guess, bits: riceBits(r, guess) };
  for (const k of [guess - 1, guess + 1]) {
    if (k < 0 || k > MAX_RICE) continue;
    const bits = riceBits(r, k);
    if (bits < best.bits) best = { k, bits };
  }
  return best;
}

function writeSubframe(w: BitWriter, x: Int16Array): void {
  if (x.every((v) => v === x[0])) {
    w.write(0, 8); // zero pad, CONSTANT, no wasted bits
    w.write((x[0] as number) & 0xffff, 16);
    return;
  }
  let best: { order: number; r: Int32Array; k: number; bits: number } | undefined;
  for (let order = 0; order <= 4 && order < x.length; order++) {
    const r = residuals(x, order);
    const rice = bestRice(r);
    const bits = order * 16 + 10 + rice.bits;
    if (best === undefined || bits < best.bits) best = { order, r, ...rice, bits };
  }
  if (best === undefined || best.bits >= 16 * x.length) {
    w.write(0b0000_0010, 8); // VERBATIM
    for (const v of x) w.write(v & 0xffff, 16);
    return;
  }
  w.write(0b0001_0000 | (best.order << 1), 8); // FIXED, order
  for (let i = 0; i < best.order; i++) w.write((x[i] as number) & 0xffff, 16);
  w.write(0, 2); // Rice, 4-bit parameters
  w.write(0, 4); // partition order 0
  w.write(best.k, 4);
  const mask = (1 << best.k) - 1;
  for (const v of best.r) {
    const u = zigzag(v);
    w.writeUnary(u >>> best.k);
    if (best.k > 0) w.write(u & mask, best.k);
  }
}

function writeFrame(w: BitWriter, x: Int16Array, firstSample: number, sampleRate: number): void {
  const start = w.length;
  w.write(0xfff9, 16); // sync, variable blocksize
  w.write(0b0111, 4); // block size: 16 bits at the header's end
  w.write(0b1101, 4); // sample rate: 16 bits of Hz at the header's end
  w.write(0b0000, 4); // mono
  w.write(0b100, 3); // 16 bits per sample
  w.write(0, 1);
  writeCodedNumber(w, firstSample);
  w.write(x.length - 1, 16);
  w.write(sampleRate, 16);
  w.write(crc8(w.view(start)), 8);
  writeSubframe(w, x);
  w.align();
  w.write(crc16(w.view(start)), 16);
}

/** Frame lengths for `length` samples: full blocks, a short tail folded into the one before. */
function blockLengths(length: number): number[] {
  const lengths: number[] = [];
  for (let left = length; left > 0; ) {
    const take = left - BLOCK < MIN_BLOCK ? left : BLOCK;
    lengths.push(take);
    left -= take;
  }
  return lengths;
}

/**
 * Codes one sentence's PCM16 at `sampleRate` Hz (at most 65,535) as FLAC
 * frames; the stream's first segment starts with the stream header. A sentence shorter than 16
 * samples is padded with silence to 16 (FLAC's smallest frame).
 */
export function encodeFlac(pcm: Int16Array, sampleRate: number, state: StreamState): { bytes: Uint8Array; state: StreamState } {
  const w = new BitWriter();
  if (!state.begun) streamHeader(w, sampleRate);
  let samples = pcm;
  if (pcm.length > 0 && pcm.length < MIN_BLOCK) {
    samples = new Int16Array(MIN_BLOCK);
    samples.set(pcm);
  }
  let at = 0;
  for (const length of blockLengths(samples.length)) {
    writeFrame(w, samples.subarray(at, at + length), state.samples + at, sampleRate);
    at += length;
  }
  return { bytes: w.view().slice(), state: { ...state, begun: true, samples: state.samples + samples.length } };
}
