// The root tsconfig compiles all of src/ without the DOM lib; this file needs it there too.
/**
 * The voice and audio controls: each shows what the session has (from `session.created` /
 * `session.updated`) and, when changed, asks for just that field with `session.update`. A
 * refused change puts the control back to the session's value.
 */
import type { SessionUpdateFields } from '../../protocol/client-events.js';
import type { SessionInfo } from '../../protocol/server-events.js';

/** What `GET /v1/voices` answers. */
export interface VoiceList {
  voices: Array<{ id: string; name: string; languages: string[] }>;
  default: string;
  rate: { min: number; max: number; default: number };
  pitch: { min: number; max: number; default: number };
}

export interface ControlElements {
  voice: HTMLSelectElement;
  rate: HTMLInputElement;
  rateValue: HTMLOutputElement;
  pitch: HTMLInputElement;
  pitchValue: HTMLOutputElement;
  sampleRate: HTMLSelectElement;
  firstClause: HTMLInputElement;
  audioFormat: HTMLSelectElement;
}

const SAMPLE_RATES = { '16000': 16_000, '24000': 24_000, '48000': 48_000 } as const;

export class SessionControls {
  readonly #ui: ControlElements;
  /** The engine's own rate: a session at it shows "Engine's own". */
  #nativeRate = 0;
  #session: SessionInfo | undefined;
  #voicesLoaded = false;

  /** @param change called with the one field a control asks to change. */
  constructor(ui: ControlElements, change: (fields: SessionUpdateFields) => void) {
    this.#ui = ui;
    ui.voice.addEventListener('change', () => change({ voice: ui.voice.value }));
    ui.rate.addEventListener('input', () => (ui.rateValue.value = ui.rate.value));
    ui.rate.addEventListener('change', () => change({ rate: Number(ui.rate.value) }));
    ui.pitch.addEventListener('input', () => (ui.pitchValue.value = ui.pitch.value));
    ui.pitch.addEventListener('change', () => change({ pitch: Number(ui.pitch.value) }));
    ui.sampleRate.addEventListener('change', () => {
      const value = ui.sampleRate.value;
      change({ audio: { sample_rate: value in SAMPLE_RATES ? SAMPLE_RATES[value as keyof typeof SAMPLE_RATES] : 'native' } });
    });
    ui.firstClause.addEventListener('change', () => {
      if (ui.firstClause.checkValidity()) change({ chunking: { first_clause_chars: Number(ui.firstClause.value) } });
    });
    ui.audioFormat.addEventListener('change', () => change({ audio: { format: ui.audioFormat.value === 'base64' ? 'base64' : 'binary' } }));
  }

  /** Fills the voice picker and the rate and pitch ranges from the voice list. */
  setVoices(list: VoiceList): void {
    const { voice, rate, pitch } = this.#ui;
    const options = [...list.voices]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((v) => new Option(`${v.name} · ${v.languages.join(', ')}`, v.id, false, v.id === (this.#session?.voice ?? list.default)));
    voice.replaceChildren(...options);
    this.#voicesLoaded = true;
    rate.min = String(list.rate.min);
    rate.max = String(list.rate.max);
    pitch.min = String(list.pitch.min);
    pitch.max = String(list.pitch.max);
    if (this.#session !== undefined) this.show(this.#session);
  }

  /** The session's sample rate when it started, before any change: the engine's own. */
  setNativeRate(hz: number): void {
    this.#nativeRate = hz;
  }

  /** Shows the session's values and enables the controls. */
  show(session: SessionInfo): void {
    this.#session = session;
    const ui = this.#ui;
    if ([...ui.voice.options].some((o) => o.value === session.voice)) ui.voice.value = session.voice;
    ui.rate.value = String(session.rate);
    ui.rateValue.value = String(session.rate);
    ui.pitch.value = String(session.pitch);
    ui.pitchValue.value = String(session.pitch);
    const rate = String(session.audio.sample_rate);
    ui.sampleRate.value = session.audio.sample_rate === this.#nativeRate || !(rate in SAMPLE_RATES) ? 'native' : rate;
    ui.firstClause.value = String(session.chunking.first_clause_chars);
    ui.audioFormat.value = session.audio.format;
    for (const control of [ui.rate, ui.pitch, ui.sampleRate, ui.firstClause, ui.audioFormat]) control.disabled = false;
    // The picker waits for the voice list; its ranges too, or they would clamp the session's values.
    ui.voice.disabled = !this.#voicesLoaded;
    ui.rate.disabled = ui.pitch.disabled = !this.#voicesLoaded;
  }

  /** Puts every control back to the session's values (after a refused change). */
  revert(): void {
    if (this.#session !== undefined) this.show(this.#session);
  }

  /** Disables the controls while there is no session. */
  disable(): void {
    const ui = this.#ui;
    for (const control of [ui.voice, ui.rate, ui.pitch, ui.sampleRate, ui.firstClause, ui.audioFormat]) control.disabled = true;
  }
}
