/**
 * Ogg pages (RFC 3533): the container of `opus` speech. Packets in, pages out; the page sequence
 * and granule position come from the caller, which carries them across sentences.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x8000_0000 ? (r << 1) ^ 0x04c1_1db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] as number)) >>> 0;
  return crc;
}

/** Header-type flags of a page. */
export const OGG_BOS = 0x02;
export const OGG_EOS = 0x04;

/** Most lacing values a page holds (the segment count is one byte). */
const MAX_SEGMENTS = 255;

export interface OggPageFields {
  serial: number;
  sequence: number;
  /** Codec-defined position of the last packet that ends on the page. */
  granule: number;
  flags: number;
}

/**
 * One page holding whole `packets` (their lacing values must fit the 255 a page allows).
 * @throws RangeError when they do not.
 */
export function oggPage(packets: readonly Uint8Array[], page: OggPageFields): Uint8Array {
  const lacing: number[] = [];
  for (const packet of packets) {
    for (let left = packet.length; ; left -= 255) {
      lacing.push(Math.min(left, 255));
      if (left < 255) break;
    }
  }
  if (lacing.length > MAX_SEGMENTS) throw new RangeError(`An Ogg page holds at most ${MAX_SEGMENTS} lacing values, got ${lacing.length}.`);
  const bodyBytes = packets.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(27 + lacing.length + bodyBytes);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53], 0); // "OggS"
  out[5] = page.flags;
  view.setBigUint64(6, BigInt(page.granule), true);
  view.setUint32(14, page.serial, true);
  view.setUint32(18, page.sequence, true);
  out[26] = lacing.length;
  out.set(lacing, 27);
  let at = 27 + lacing.length;
  for (const packet of packets) {
    out.set(packet, at);
    at += packet.length;
  }
  view.setUint32(22, oggCrc(out), true);
  return out;
}

/** Lacing values `packet` needs. */
export function lacingCount(packet: Uint8Array): number {
  return Math.floor(packet.length / 255) + 1;
}
