/**
 * A hand-rolled WebSocket client over a raw TCP socket, for sending what a well-behaved library
 * never would: bad UTF-8, unmasked or reserved frames, floods of fragments and pings.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type Socket, connect } from 'node:net';

export interface FrameOptions {
  fin?: boolean;
  mask?: boolean;
  rsv?: number;
}

/** Encodes one frame (client frames are masked unless `mask: false`). */
export function frame(opcode: number, payload: Buffer, options: FrameOptions = {}): Buffer {
  const { fin = true, mask = true, rsv = 0 } = options;
  const len = payload.length;
  const header: number[] = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (len < 126) header.push(maskBit | len);
  else if (len < 65_536) header.push(maskBit | 126, len >> 8, len & 0xff);
  else {
    header.push(maskBit | 127, 0, 0, 0, 0);
    header.push((len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff);
  }
  if (!mask) return Buffer.concat([Buffer.from(header), payload]);
  const key = randomBytes(4);
  const masked = Buffer.allocUnsafe(len);
  for (let i = 0; i < len; i++) masked[i] = (payload[i] as number) ^ (key[i & 3] as number);
  return Buffer.concat([Buffer.from(header), key, masked]);
}

/** The close code in the first close frame the server sent, or undefined if none came. */
function closeCodeIn(data: Buffer): number | undefined {
  let at = 0;
  while (at + 2 <= data.length) {
    const opcode = (data[at] as number) & 0x0f;
    let len = (data[at + 1] as number) & 0x7f;
    let head = 2;
    if (len === 126) {
      len = data.readUInt16BE(at + 2);
      head = 4;
    } else if (len === 127) {
      len = Number(data.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (opcode === 0x8 && len >= 2) return data.readUInt16BE(at + head);
    at += head + len;
  }
  return undefined;
}

export class RawSocket {
  readonly socket: Socket;
  #received: Buffer[] = [];
  readonly closed: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (d: Buffer) => this.#received.push(d));
    socket.on('error', () => {});
    // Not events.once: it rejects when 'error' fires first, and a reset is a normal ending here.
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Opens a TCP connection and sends `request` as is (no upgrade is done). */
  static async open(baseUrl: string): Promise<RawSocket> {
    const { hostname, port } = new URL(baseUrl);
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    return new RawSocket(socket);
  }

  /** Opens a socket and completes a WebSocket upgrade to `/v1/realtime`. */
  static async upgrade(baseUrl: string, extraHeaders = ''): Promise<RawSocket> {
    const raw = await RawSocket.open(baseUrl);
    const { host } = new URL(baseUrl);
    raw.socket.write(
      `GET /v1/realtime HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`,
    );
    while (!raw.text().includes('\r\n\r\n')) await once(raw.socket, 'data');
    if (!raw.text().startsWith('HTTP/1.1 101')) throw new Error(`upgrade refused: ${raw.text().split('\r\n')[0]}`);
    return raw;
  }

  text(): string {
    return Buffer.concat(this.#received).toString('latin1');
  }

  /** Bytes after the HTTP response head. */
  frames(): Buffer {
    const all = Buffer.concat(this.#received);
    const end = all.indexOf('\r\n\r\n');
    return end === -1 ? Buffer.alloc(0) : all.subarray(end + 4);
  }

  /** Waits for the server to end the connection; returns the close code it sent, if any. */
  async closeCode(): Promise<number | undefined> {
    await this.closed;
    return closeCodeIn(this.frames());
  }

  write(data: Buffer | string): void {
    this.socket.write(data);
  }
}
