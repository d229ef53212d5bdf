/**
 * Sends made in one tick leave the socket in one write. A sentence's audio goes out as a burst of
 * small frames (25 a second of audio at the default 40 ms, each one `ws.send`), and every
 * WebSocket message was its own `writev` system call: at 200 sessions those calls were the main
 * thread's largest single cost (`bench/results/ws-profile.md`). Corking the socket at the first
 * send of a tick and uncorking it on the next tick (Node's own idiom for batching writes) hands
 * the kernel the whole burst at once. The bytes on the wire are the same, frame for frame.
 *
 * Congestion still works: the corked bytes count in the socket's buffered amount, and a sender
 * that waits for the buffer to drain yields, which lets the uncork run and the bytes go. But
 * while the tick lasts that amount is the burst itself, not what the client failed to read: a
 * limit on unread bytes is checked in `released`, once the kernel has taken what it will.
 */
import type { Duplex } from 'node:stream';

export class SendBatch {
  readonly #socket: Duplex;
  readonly #released: () => void;
  #corked = false;

  /** `released` runs after each batch has been handed to the socket. */
  constructor(socket: Duplex, released: () => void) {
    this.#socket = socket;
    this.#released = released;
  }

  /** Call before each send: the first of a tick corks the socket until the next tick. */
  hold(): void {
    if (this.#corked) return;
    this.#corked = true;
    this.#socket.cork();
    process.nextTick(this.#release);
  }

  readonly #release = (): void => {
    this.#corked = false;
    this.#socket.uncork();
    this.#released();
  };
}
