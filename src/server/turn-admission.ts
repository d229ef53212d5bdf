/**
 * Whether the server takes a new turn: refused (`OVERLOADED`) while the pool queue holds its
 * share of `poolMaxQueue`, or while the event-loop delay p99 of the last `admissionWindowMs` is
 * over `admissionMaxLoopDelayMs`. One rule for every connection, so it lives beside the server
 * rather than in a session.
 */
import type { FilledServerOptions } from '../config/options.js';
import { SaywireError } from '../errors.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import type { TurnAdmission } from '../session/message-processor.js';
import type { EventLoopMonitor, LoopDelayReader } from './event-loop-monitor.js';

type AdmissionOptions = Pick<FilledServerOptions, 'poolMaxQueue' | 'admissionMaxQueueShare' | 'admissionMaxLoopDelayMs'>;

/** The server's admission rule, over its pool and its event loop. */
export class LoadAdmission implements TurnAdmission {
  readonly #pool: WorkerPool;
  readonly #options: AdmissionOptions;
  // Admission looks at the recent event-loop delay, not the lifetime one.
  readonly #window: LoopDelayReader;
  #recentLoopP99Ms = 0;

  constructor(pool: WorkerPool, loop: EventLoopMonitor, options: AdmissionOptions) {
    this.#pool = pool;
    this.#options = options;
    this.#window = loop.reader();
  }

  check(): SaywireError | undefined {
    // Running turns keep the rest of the queue: refusing a new turn is better than failing one mid-speech.
    if (this.#pool.queueSize >= this.#options.poolMaxQueue * this.#options.admissionMaxQueueShare) {
      return new SaywireError('OVERLOADED', 'The worker pool queue is too full to take a new turn.');
    }
    if (this.#recentLoopP99Ms > this.#options.admissionMaxLoopDelayMs) {
      return new SaywireError('OVERLOADED', `The event-loop delay (${Math.round(this.#recentLoopP99Ms)} ms) is over the limit.`);
    }
    return undefined;
  }

  /** Ends the current window (every `admissionWindowMs`): checks until the next look at its delay. */
  takeWindow(): void {
    this.#recentLoopP99Ms = this.#window.takeWindow().p99Ms;
  }
}
