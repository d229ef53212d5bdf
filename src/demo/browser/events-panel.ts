// The root tsconfig compiles all of src/ without the DOM lib; this file needs it there too.
/**
 * The events panel: the raw events in both directions as they pass, newest last, and the audio
 * frames counted per response (too many to list one by one). The list keeps the latest
 * {@link MAX_LOGGED} entries, so a page left open for hours holds a bounded DOM.
 */

/** Most entries the list keeps. */
export const MAX_LOGGED = 200;
/** Longest string field shown whole; longer ones (base64 audio) are cut. */
const MAX_FIELD_CHARS = 120;

export interface FrameCount {
  frames: number;
  ms: number;
}

export class EventsPanel {
  readonly #list: HTMLOListElement;
  readonly #count: HTMLElement;
  readonly #frames: HTMLElement;
  readonly #frameCounts = new Map<string, FrameCount>();
  /** Events seen, both directions. */
  logged = 0;

  constructor(list: HTMLOListElement, count: HTMLElement, frames: HTMLElement) {
    this.#list = list;
    this.#count = count;
    this.#frames = frames;
  }

  /** Frames per response, by response id (kept for the latest {@link MAX_LOGGED} responses). */
  get frameCounts(): Record<string, FrameCount> {
    return Object.fromEntries(this.#frameCounts);
  }

  /** Logs one event: `→` sent, `←` received. */
  log(direction: '→' | '←', event: { type: string }): void {
    this.logged++;
    const item = document.createElement('li');
    const dir = document.createElement('span');
    dir.className = 'dir';
    dir.textContent = `${direction} `;
    item.append(dir, JSON.stringify(event, (_key, value: unknown) => (typeof value === 'string' && value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}… (${value.length} chars)` : value)));
    this.#list.append(item);
    while (this.#list.childElementCount > MAX_LOGGED) this.#list.firstElementChild?.remove();
    this.#count.textContent = String(this.logged);
  }

  /** Counts one audio frame of response `id`. */
  countFrame(id: string, ms: number): void {
    const count = this.#frameCounts.get(id) ?? { frames: 0, ms: 0 };
    count.frames++;
    count.ms += ms;
    this.#frameCounts.delete(id);
    this.#frameCounts.set(id, count);
    for (const old of this.#frameCounts.keys()) {
      if (this.#frameCounts.size <= MAX_LOGGED) break;
      this.#frameCounts.delete(old);
    }
    const latest = [...this.#frameCounts].slice(-3).reverse();
    this.#frames.textContent = `Audio frames: ${latest.map(([rid, c]) => `${rid} ${c.frames} (${(c.ms / 1000).toFixed(1)} s)`).join(' · ')}`;
  }
}
