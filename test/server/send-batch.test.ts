import { Duplex } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SendBatch } from '../../src/server/send-batch.js';

/** A real Duplex that records each write it is handed: one entry per write or writev, with its chunks. */
function recordingSocket(): { socket: Duplex; writes: string[][] } {
  const writes: string[][] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      writes.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      done();
    },
  });
  return { socket, writes };
}

describe('SendBatch', () => {
  it('hands every send of one tick to the socket in one write, in order, and the next tick in another', async () => {
    const { socket, writes } = recordingSocket();
    const batch = new SendBatch(socket, () => {});
    const send = (text: string): void => {
      batch.hold();
      socket.write(text);
    };
    for (let i = 0; i < 50; i++) send(`a${i}`);
    // Nothing leaves while the tick lasts.
    expect(writes).toEqual([]);
    await setImmediate();
    expect(writes).toEqual([Array.from({ length: 50 }, (_, i) => `a${i}`)]);
    send('b0');
    send('b1');
    await setImmediate();
    expect(writes.slice(1)).toEqual([['b0', 'b1']]);
    expect(socket.writableCorked).toBe(0);
  });

  it('a burst spread over awaited microtasks, as the audio framer sends it, is still one write', async () => {
    const { socket, writes } = recordingSocket();
    const batch = new SendBatch(socket, () => {});
    const burst = async (): Promise<void> => {
      for (let i = 0; i < 20; i++) {
        await Promise.resolve();
        batch.hold();
        socket.write(`f${i}`);
      }
    };
    await burst();
    await setImmediate();
    expect(writes).toEqual([Array.from({ length: 20 }, (_, i) => `f${i}`)]);
  });

  it('reports each release after the batch is handed over: what the socket still holds then is unread', async () => {
    const { socket, writes } = recordingSocket();
    const seen: number[] = [];
    const batch = new SendBatch(socket, () => seen.push(writes.length));
    batch.hold();
    socket.write('one');
    batch.hold();
    socket.write('two');
    expect(seen).toEqual([]);
    await setImmediate();
    expect(seen).toEqual([1]);
  });

  it('a sender that waits for its write callbacks is not stuck behind the cork', async () => {
    const { socket, writes } = recordingSocket();
    const batch = new SendBatch(socket, () => {});
    batch.hold();
    // Waiting on the callback yields, so the uncork runs and the write completes.
    await new Promise<void>((resolve, reject) => socket.write('x', (err) => (err ? reject(err) : resolve())));
    expect(writes).toEqual([['x']]);
  });
});
