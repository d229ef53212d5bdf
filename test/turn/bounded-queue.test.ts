import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../../src/turn/bounded-queue.js';

describe('BoundedQueue', () => {
  it('makes the producer wait at capacity instead of growing or dropping', async () => {
    const queue = new BoundedQueue<number>(2);
    await queue.push(1);
    await queue.push(2);
    let third = false;
    const pushing = queue.push(3).then(() => {
      third = true;
    });
    await Promise.resolve();
    expect(third).toBe(false);
    expect(queue.size).toBe(2);
    expect(await queue.shift()).toBe(1);
    await pushing;
    expect(third).toBe(true);
    expect(await queue.takeAll()).toEqual([2, 3]);
  });

  it('drains after close, then reports the end', async () => {
    const queue = new BoundedQueue<string>(4);
    await queue.push('a');
    queue.close();
    expect(await queue.shift()).toBe('a');
    expect(await queue.shift()).toBeUndefined();
    expect(await queue.takeAll()).toBeUndefined();
    await expect(queue.push('b')).rejects.toThrow('closed');
  });

  it('clear drops everything and releases a waiting producer', async () => {
    const queue = new BoundedQueue<number>(1);
    await queue.push(1);
    const blocked = queue.push(2);
    queue.clear();
    await expect(blocked).rejects.toThrow('closed');
    expect(queue.size).toBe(0);
  });

  it('wakes a waiting consumer', async () => {
    const queue = new BoundedQueue<number>(1);
    const taking = queue.takeAll();
    await queue.push(7);
    expect(await taking).toEqual([7]);
  });

  it('ready() waits for an item without taking it, and resolves on close', async () => {
    const queue = new BoundedQueue<number>(2);
    let ready = false;
    const waiting = queue.ready().then(() => (ready = true));
    await Promise.resolve();
    expect(ready).toBe(false);
    await queue.push(5);
    await waiting;
    expect(queue.size).toBe(1);
    expect(queue.tryShift()).toBe(5);
    const closed = new BoundedQueue<number>(1);
    const onClose = closed.ready();
    closed.close();
    await onClose;
    expect(closed.tryShift()).toBeUndefined();
  });
});
