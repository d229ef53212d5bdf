/**
 * A small typed listener registry for events discriminated by `type`, the same in browsers and
 * Node (no `EventEmitter`, no DOM `EventTarget`). A listener that throws does not stop the others:
 * its error is reported through `onListenerError`.
 */
export class Listeners<E extends { type: string }> {
  readonly #byType = new Map<string, Set<(event: never) => void>>();
  readonly #onListenerError: (err: unknown) => void;

  constructor(onListenerError: (err: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  /** Calls `listener` for each event of `type`; returns a function that removes it. */
  on<T extends E['type']>(type: T, listener: (event: Extract<E, { type: T }>) => void): () => void {
    let set = this.#byType.get(type);
    if (set === undefined) {
      set = new Set();
      this.#byType.set(type, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit(event: E): void {
    const set = this.#byType.get(event.type);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as (event: E) => void)(event);
      } catch (err) {
        this.#onListenerError(err);
      }
    }
  }
}
