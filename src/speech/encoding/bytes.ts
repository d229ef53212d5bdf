/** Byte plumbing the encoders share. */

/** `parts` joined into one fresh, exactly sized array (safe to transfer). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Writes bit fields most significant bit first, as FLAC lays them out. Grows as needed. */
export class BitWriter {
  #bytes = new Uint8Array(1024);
  #length = 0;
  /** Bits waiting to fill the next byte, and how many. */
  #acc = 0;
  #accBits = 0;

  /** Appends the low `bits` bits of `value` (0 <= bits <= 24). */
  write(value: number, bits: number): void {
    this.#acc = (this.#acc << bits) | (value & ((1 << bits) - 1));
    this.#accBits += bits;
    while (this.#accBits >= 8) {
      this.#accBits -= 8;
      this.#push((this.#acc >>> this.#accBits) & 0xff);
    }
    this.#acc &= (1 << this.#accBits) - 1;
  }

  /** Appends `count` zero bits and a one: a unary number. */
  writeUnary(count: number): void {
    for (let left = count; left > 0; ) {
      const run = Math.min(left, 16);
      this.write(0, run);
      left -= run;
    }
    this.write(1, 1);
  }

  /** Pads with zero bits to the next byte boundary. */
  align(): void {
    if (this.#accBits > 0) this.write(0, 8 - this.#accBits);
  }

  /** Byte length so far (whole bytes only). */
  get length(): number {
    return this.#length;
  }

  /** The whole bytes written, as a view (valid until the next write). */
  view(from = 0, to = this.#length): Uint8Array {
    return this.#bytes.subarray(from, to);
  }

  #push(byte: number): void {
    if (this.#length === this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }
    this.#bytes[this.#length++] = byte;
  }
}
