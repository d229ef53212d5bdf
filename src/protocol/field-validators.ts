/**
 * The checks every field of a client event goes through: strings within the byte limit,
 * integers within a range, objects with only known keys, and a depth bound taken before any
 * recursive walk. A failed check throws a `FieldError`, which the parser (and only the parser)
 * turns into a failed result, so the event and session parsers read as straight-line code.
 */
import { SaywireError } from '../errors.js';
import type { ParseLimits } from './client-events.js';

export type Json = Record<string, unknown>;

/** Thrown inside the parsers only; `parseClientEvent` returns it as the `error` of a failed result. */
export class FieldError extends SaywireError {}

/** True when `value` nests arrays or objects deeper than `max`; iterative, so any depth is safe. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > max) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth });
  }
  return false;
}

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function invalid(path: string, expected: string): never {
  throw new FieldError('INVALID_EVENT', `Field "${path}" must be ${expected}.`);
}

/**
 * UTF-8 length of `text`, bytes, without encoding it. Plain code rather than `Buffer.byteLength`:
 * `src/protocol/` is shared with the browser client, which is compiled without Node's types. A
 * lone surrogate counts 3, as the encoder writes U+FFFD for it.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function text(obj: Json, key: string, path: string, limits: ParseLimits, required: boolean): string | undefined {
  const v = obj[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string') return invalid(path, 'a string');
  // Only long strings can be over the limit: most are never measured.
  if (v.length * 3 > limits.maxTextBytes && utf8Length(v) > limits.maxTextBytes) {
    throw new FieldError('TEXT_TOO_LONG', `Field "${path}" is longer than ${limits.maxTextBytes} bytes.`);
  }
  return v;
}

export function int(obj: Json, key: string, path: string, min: number, max: number): number | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    return invalid(path, `an integer from ${min} to ${max}`);
  }
  return v;
}

export function only(obj: Json, path: string, keys: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!keys.includes(key)) invalid(path === '' ? key : `${path}.${key}`, 'absent (unknown field)');
  }
}

export function sub(obj: Json, key: string, path: string): Json | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  return isObject(v) ? v : invalid(path, 'an object');
}
