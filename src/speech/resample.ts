/**
 * Sample-rate conversion of PCM16 mono by windowed-sinc interpolation (Blackman window,
 * 8 zero crossings each side). When downsampling the kernel is stretched, so it is also the
 * anti-aliasing low-pass. The kernel is tabulated at `PHASES` fractional offsets per call and the
 * nearest one is used: at 512 phases the timing error is under 1/1000 of a sample, far below
 * what speech can reveal, and the inner loop is a plain dot product.
 */

const ZERO_CROSSINGS = 8;
const PHASES = 512;
/** Passband edge as a fraction of the lower Nyquist rate: leaves room for the window's transition band. */
const ROLLOFF = 0.9;

/**
 * Number of samples `resamplePcm16` returns for `length` input samples: the same duration,
 * rounded to the nearest sample.
 */
export function resampledLength(length: number, fromRate: number, toRate: number): number {
  return Math.round((length * toRate) / fromRate);
}

/**
 * Converts PCM16 mono from `fromRate` to `toRate` (Hz, positive integers). Always returns a fresh
 * `Int16Array` on its own exactly sized buffer, even when the rates are equal (a copy), so the
 * result can be transferred. Levels are preserved (a constant stays the same constant); edges
 * are extended with the first and last sample rather than zeros, so there is no click.
 * @throws RangeError when a rate is not a positive integer.
 */
export function resamplePcm16(pcm: Int16Array, fromRate: number, toRate: number): Int16Array {
  checkRate('fromRate', fromRate);
  checkRate('toRate', toRate);
  if (fromRate === toRate) return pcm.slice();
  return resamplePcm16Range(pcm, 0, fromRate, toRate, 0, resampledLength(pcm.length, fromRate, toRate));
}

/**
 * Input samples each side of an output sample's position that its value depends on: a stream
 * resampled block by block keeps this much of the input it has already sent (see
 * {@link readyOutputs}).
 */
export function resampleContext(fromRate: number, toRate: number): number {
  return Math.ceil(ZERO_CROSSINGS / (2 * cutoffOf(fromRate, toRate)));
}

/**
 * How many output samples of a stream are settled once `received` input samples have arrived and
 * more may follow: those whose every tap lies in the input so far. At the stream's end all of
 * `resampledLength(received)` are.
 */
export function readyOutputs(received: number, fromRate: number, toRate: number): number {
  const settledInput = received - 1 - resampleContext(fromRate, toRate);
  return settledInput <= 0 ? 0 : Math.min(resampledLength(received, fromRate, toRate), Math.ceil((settledInput * toRate) / fromRate));
}

/**
 * Output samples `first` to `first + count` of a resampled stream, computed from part of its input:
 * `input[0]` is the stream's input sample `inputStart`. Given the context on both sides that
 * {@link resampleContext} asks for, the result is exactly what {@link resamplePcm16} of the whole
 * stream holds at those places, so a stream resampled block by block has no seams; beyond the
 * input's ends its edge samples are extended, as at the ends of a whole stream. A fresh buffer.
 */
export function resamplePcm16Range(
  input: Int16Array,
  inputStart: number,
  fromRate: number,
  toRate: number,
  first: number,
  count: number,
): Int16Array {
  checkRate('fromRate', fromRate);
  checkRate('toRate', toRate);
  const out = new Int16Array(Math.max(0, count));
  if (input.length === 0 || out.length === 0) return out;

  const cutoff = cutoffOf(fromRate, toRate);
  const half = resampleContext(fromRate, toRate);
  const taps = 2 * half;
  const table = kernelTable(cutoff, half);

  // Padded with edge samples so the dot product never needs a bounds check.
  const padded = new Float32Array(input.length + 2 * taps);
  padded.fill(input[0] as number, 0, taps);
  padded.set(input, taps);
  padded.fill(input[input.length - 1] as number, taps + input.length);
  const last = padded.length - taps;

  // The position of output sample n is n * fromRate / toRate input samples: kept as an integer
  // part and an integer remainder over toRate, so it never drifts (and is exact from any `first`).
  const product = first * fromRate;
  let whole = Math.floor(product / toRate);
  let remainder = product - whole * toRate;
  if (remainder < 0) {
    whole -= 1;
    remainder += toRate;
  } else if (remainder >= toRate) {
    whole += 1;
    remainder -= toRate;
  }
  for (let n = 0; n < out.length; n++) {
    let phase = Math.round((remainder * PHASES) / toRate);
    let at = whole - inputStart;
    if (phase === PHASES) {
      phase = 0;
      at += 1;
    }
    const row = phase * taps;
    // Taps cover input samples at-half+1 .. at+half; past the padding they clamp to the edges.
    const base = Math.min(last, Math.max(0, taps + at - half + 1));
    let acc = 0;
    for (let k = 0; k < taps; k++) acc += (padded[base + k] as number) * (table[row + k] as number);
    out[n] = acc >= 32767 ? 32767 : acc <= -32768 ? -32768 : Math.round(acc);
    remainder += fromRate;
    while (remainder >= toRate) {
      remainder -= toRate;
      whole += 1;
    }
  }
  return out;
}

/** Cutoff in cycles per input sample; below the output Nyquist rate when downsampling. */
function cutoffOf(fromRate: number, toRate: number): number {
  return 0.5 * ROLLOFF * Math.min(1, toRate / fromRate);
}

/**
 * Row `p` holds the weights of input samples at offsets -half+1 .. half from the output
 * position's integer part, for a fractional part of p / PHASES. Each row sums to 1.
 */
function kernelTable(cutoff: number, half: number): Float32Array {
  const taps = 2 * half;
  const table = new Float32Array(PHASES * taps);
  for (let p = 0; p < PHASES; p++) {
    const frac = p / PHASES;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const t = k - half + 1 - frac;
      const w = windowedSinc(t, cutoff, half);
      table[p * taps + k] = w;
      sum += w;
    }
    for (let k = 0; k < taps; k++) table[p * taps + k] = (table[p * taps + k] as number) / sum;
  }
  return table;
}

function windowedSinc(t: number, cutoff: number, half: number): number {
  if (Math.abs(t) >= half) return 0;
  const x = 2 * cutoff * t;
  const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  // Blackman window over [-half, half].
  const u = (t + half) / (2 * half);
  const window = 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
  return 2 * cutoff * sinc * window;
}

function checkRate(name: string, rate: number): void {
  if (!Number.isInteger(rate) || rate <= 0) throw new RangeError(`${name} must be a positive integer in Hz, got ${rate}.`);
}
