// The root tsconfig compiles all of src/ without the DOM lib; this file needs it there too.
/**
 * The output level meter: reads the player's level once per animation frame while audio plays,
 * and settles at 0 when it stops.
 */

export class LevelMeter {
  readonly #meter: HTMLMeterElement;
  readonly #read: () => number;
  readonly #playing: () => boolean;
  #running = false;
  /** The highest level shown so far. */
  peak = 0;

  /** @param read the level now, 0–1. @param playing whether anything is sounding. */
  constructor(meter: HTMLMeterElement, read: () => number, playing: () => boolean) {
    this.#meter = meter;
    this.#read = read;
    this.#playing = playing;
  }

  /** Starts following the level (no-op while it already does). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    requestAnimationFrame(() => this.#tick());
  }

  #tick(): void {
    if (!this.#playing()) {
      this.#running = false;
      this.#meter.value = 0;
      return;
    }
    const level = this.#read();
    this.peak = Math.max(this.peak, level);
    this.#meter.value = level;
    requestAnimationFrame(() => this.#tick());
  }
}
