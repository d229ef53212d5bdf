/**
 * Any OpenAI-compatible speech endpoint (`POST {baseUrl}/audio/speech`: OpenAI, Kokoro-FastAPI,
 * openedai-speech, LocalAI, another saywire) behind the `SpeechEngine` contract. It asks for
 * `response_format: "pcm"` (24 kHz, 16-bit little-endian mono, as OpenAI sends it) and yields the
 * body's samples as they arrive, so a sentence's first audio goes out while the upstream is still
 * speaking the rest of it. Upstreams send no word timings: chunks carry none.
 *
 * Failures before the first audio byte are retried with backoff (except a refused key or a
 * request the upstream calls bad); after it, never: part of the sentence has been heard.
 * Aborting `options.signal` closes the request at once, so the upstream sees the connection go.
 */
import { delay } from '../clock.js';
import { type ErrorCode, SaywireError } from '../errors.js';
import type {
  EngineDescription,
  SpeechChunk,
  SpeechEngine,
  SynthesisOptions,
  UpstreamEngineKind,
  UpstreamSpeechSettings,
  VoiceInfo,
} from './engine.js';

const DESCRIPTION: EngineDescription = Object.freeze({
  name: 'openai',
  // What `response_format: "pcm"` means in OpenAI's API.
  sampleRate: 24_000,
  // eSpeak's words-per-minute scale, so a session's rate means the same with either engine; sent
  // upstream as `speed` = rate / default (0.46 to 2.57, inside the API's 0.25 to 4).
  rate: Object.freeze({ min: 80, max: 450, default: 175 }),
  // The API has no pitch: accepted in eSpeak's range, and not sent.
  pitch: Object.freeze({ min: 0, max: 100, default: 50 }),
  // OpenAI's; with `ttsVoices` set, the settings make the first listed voice the default.
  defaultVoice: 'alloy',
});

/** A text with nothing to say (no letter or digit) is not sent: no audio, as eSpeak gives none. */
const SPEAKABLE = /[\p{L}\p{N}]/u;

/** Most bytes of an upstream's error body quoted in a message. */
const ERROR_DETAIL_CHARS = 200;

/** The OpenAI-compatible speech engine, registered as `openai`. */
export const openaiSpeechEngine: UpstreamEngineKind = {
  placement: 'main',
  description: DESCRIPTION,
  connect: (settings) => new OpenAISpeechEngine(settings),
};

class OpenAISpeechEngine implements SpeechEngine {
  readonly description = DESCRIPTION;
  readonly heapBytes = 0;
  readonly #s: UpstreamSpeechSettings;
  readonly #url: string;
  readonly #voices: VoiceInfo[];
  readonly #voiceIds: ReadonlySet<string>;

  constructor(settings: UpstreamSpeechSettings) {
    this.#s = settings;
    this.#url = `${settings.baseUrl.replace(/\/+$/, '')}/audio/speech`;
    // The API does not say which languages a voice speaks (OpenAI's speak many).
    this.#voices = settings.voices.map((id) => ({ id, name: id, languages: [] }));
    this.#voiceIds = new Set(settings.voices);
  }

  voices(): VoiceInfo[] {
    return this.#voices;
  }

  async *stream(text: string, options: SynthesisOptions): AsyncIterable<SpeechChunk> {
    const { rate, pitch } = DESCRIPTION;
    if (!this.#voiceIds.has(options.voice)) throw new RangeError(`Unknown voice "${options.voice}".`);
    if (!(options.rate >= rate.min && options.rate <= rate.max)) throw new RangeError(`rate ${options.rate} is outside ${rate.min}..${rate.max}.`);
    if (!(options.pitch >= pitch.min && options.pitch <= pitch.max)) throw new RangeError(`pitch ${options.pitch} is outside ${pitch.min}..${pitch.max}.`);
    const signal = options.signal;
    signal?.throwIfAborted();
    if (!SPEAKABLE.test(text)) return;
    const body = JSON.stringify({
      model: this.#s.model,
      input: text,
      voice: options.voice,
      response_format: 'pcm',
      speed: options.rate / rate.default,
    });
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      signal?.addEventListener('abort', abort, { once: true });
      const progress = { heard: false };
      try {
        const response = await this.#connect(body, controller);
        yield* this.#samples(response, controller, progress);
        return;
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        const error = err instanceof SaywireError ? err : new SaywireError('TTS_UPSTREAM_STREAM_BROKEN', String(err), { cause: err });
        if (progress.heard || attempt >= this.#s.retries || !retryable(error)) throw error;
      } finally {
        signal?.removeEventListener('abort', abort);
        // Closes the connection whatever happened: the upstream stops speaking at once.
        controller.abort();
      }
      await delay(this.#s.clock, this.#s.retryBaseMs * 2 ** attempt, signal);
      signal?.throwIfAborted();
    }
  }

  /** Sends the request; resolves with a 2xx response whose headers arrived within the connect timeout. */
  async #connect(body: string, controller: AbortController): Promise<Response> {
    const { clock, connectTimeoutMs, apiKey } = this.#s;
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, connectTimeoutMs);
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (apiKey !== '') headers.authorization = `Bearer ${apiKey}`;
      const response = await fetch(this.#url, { method: 'POST', headers, body, signal: controller.signal });
      if (!response.ok) throw statusError(response.status, await response.text().catch(() => ''));
      if (response.body === null) throw new SaywireError('TTS_UPSTREAM_STREAM_BROKEN', 'The speech endpoint sent no body.');
      return response;
    } catch (err) {
      if (err instanceof SaywireError) throw err;
      const reason = timedOut ? `no answer within ${connectTimeoutMs} ms` : (err as Error).message;
      throw new SaywireError('TTS_UPSTREAM_UNREACHABLE', `The speech endpoint could not be reached: ${reason}`, { cause: err });
    } finally {
      clock.clearTimeout(timer);
    }
  }

  /** The body as whole samples, chunk by chunk as it arrives; `progress.heard` turns true at the first byte. */
  async *#samples(response: Response, controller: AbortController, progress: { heard: boolean }): AsyncIterable<SpeechChunk> {
    const { clock, idleTimeoutMs } = this.#s;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const samples = new SampleAssembler();
    try {
      for (;;) {
        let timedOut = false;
        const timer = clock.setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, idleTimeoutMs);
        let read: Awaited<ReturnType<typeof reader.read>>;
        try {
          read = await reader.read();
        } catch (err) {
          if (timedOut) throw new SaywireError('TTS_UPSTREAM_TIMEOUT', `The speech endpoint's audio was silent for more than ${idleTimeoutMs} ms.`);
          throw new SaywireError('TTS_UPSTREAM_STREAM_BROKEN', `The speech endpoint's audio broke off: ${(err as Error).message}`, { cause: err });
        } finally {
          clock.clearTimeout(timer);
        }
        if (read.done) return;
        if (read.value.length === 0) continue;
        progress.heard = true;
        const pcm = samples.push(read.value);
        if (pcm.length > 0) yield { pcm, words: [] };
      }
    } finally {
      reader.releaseLock();
    }
  }
}

/**
 * Turns PCM16LE bytes, cut anywhere by the network, into whole samples: an odd byte waits for
 * the next chunk. A trailing odd byte at the end of a body is half a sample and is dropped.
 */
export class SampleAssembler {
  #odd: number | undefined;

  /** The whole samples `bytes` completes, on a fresh, exactly sized buffer (transferable). */
  push(bytes: Uint8Array): Int16Array {
    const held = this.#odd === undefined ? 0 : 1;
    const total = bytes.length + held;
    // Int16Array reads the host's byte order: little-endian on every platform Node runs on.
    const pcm = new Int16Array(total >> 1);
    const view = new Uint8Array(pcm.buffer);
    if (this.#odd !== undefined) view[0] = this.#odd;
    view.set(bytes.subarray(0, view.length - held), held);
    this.#odd = total % 2 === 1 ? bytes[bytes.length - 1] : undefined;
    return pcm;
  }
}

/** The coded error for an upstream's HTTP error status. */
function statusError(status: number, body: string): SaywireError {
  const code: ErrorCode =
    status === 401 || status === 403 ? 'TTS_UPSTREAM_UNAUTHORIZED' : status === 429 ? 'TTS_UPSTREAM_RATE_LIMITED' : 'TTS_UPSTREAM_HTTP_ERROR';
  const detail = body.replace(/\s+/g, ' ').slice(0, ERROR_DETAIL_CHARS);
  return new SaywireError(code, `The speech endpoint answered HTTP ${status}${detail === '' ? '' : `: ${detail}`}`, { upstreamStatus: status });
}

/** Worth another try: the upstream may answer differently in a moment. A refused key or a bad request will not. */
function retryable(error: SaywireError): boolean {
  if (error.code === 'TTS_UPSTREAM_UNAUTHORIZED') return false;
  if (error.code === 'TTS_UPSTREAM_HTTP_ERROR') return (error.upstreamStatus ?? 0) >= 500;
  return true;
}
