/**
 * `POST /v1/audio/speech`, shaped like OpenAI's speech endpoint: `{ input, voice?, speed?,
 * response_format? }` → WAV or raw PCM16. The input is chunked into sentences; at most
 * `speechConcurrency` of them are synthesized in the pool at once, and the body streams each
 * one's audio in order as it is ready (a WAV declares its length unknown, as streamed WAV does).
 */
import { once } from 'node:events';
import { SaywireError } from '../errors.js';
import type { FilledServerOptions } from '../config/options.js';
import type { EngineInfo } from '../session/session-settings.js';
import { encodeWavHeader, pcm16Bytes } from '../speech/wav.js';
import { serverChunker } from '../session/session.js';
import { type SpeechAudio, type TurnWorkers, chunkWholeText } from '../turn/turn-workers.js';
import { type RouteHandler, readJsonObject } from './http-routes.js';

/** OpenAI's limit on `input`, characters. */
export const MAX_SPEECH_INPUT_CHARS = 4096;

/** OpenAI voice names: clients send them by default; they map to the server's default voice. */
const OPENAI_VOICES = new Set(['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse']);

const FIELDS = new Set(['input', 'voice', 'speed', 'response_format', 'model']);

export function speechRoute(options: FilledServerOptions, workers: TurnWorkers, engine: EngineInfo): RouteHandler {
  return async (req, res) => {
    const body = await readJsonObject(req, options.maxHttpBodyBytes);
    for (const key of Object.keys(body)) {
      if (!FIELDS.has(key)) throw new SaywireError('INVALID_REQUEST', `Unknown field "${key}".`);
    }
    const { input, voice = options.voice, speed = 1, response_format: format = 'wav' } = body;
    if (typeof input !== 'string' || input.trim() === '') {
      throw new SaywireError('INVALID_REQUEST', 'Field "input" must be a non-empty string.');
    }
    if (input.length > MAX_SPEECH_INPUT_CHARS) {
      throw new SaywireError('INPUT_TOO_LONG', `Field "input" is longer than ${MAX_SPEECH_INPUT_CHARS} characters.`);
    }
    if (typeof voice !== 'string' || !(engine.voices.has(voice) || OPENAI_VOICES.has(voice))) {
      throw new SaywireError('INVALID_REQUEST', `Unknown voice ${JSON.stringify(voice)}; see GET /v1/voices.`);
    }
    if (typeof speed !== 'number' || !(speed >= 0.25 && speed <= 4)) {
      throw new SaywireError('INVALID_REQUEST', 'Field "speed" must be a number from 0.25 to 4.');
    }
    if (format !== 'wav' && format !== 'pcm') {
      throw new SaywireError('INVALID_REQUEST', 'Field "response_format" must be "wav" or "pcm".');
    }
    // An engine that has the voice speaks it (an upstream has OpenAI's names); otherwise it maps to the default.
    const engineVoice = engine.voices.has(voice) ? voice : options.voice;
    const sentences = await chunkWholeText(workers, input, serverChunker(options, engineVoice));
    const { min, max } = engine.description.rate;
    const rate = Math.min(max, Math.max(min, Math.round(options.speechRate * speed)));
    // A client that hangs up stops the work: sentences still queued in the pool are skipped.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort(new Error('The HTTP client went away.'));
    });
    const speak = (text: string): Promise<SpeechAudio> =>
      workers.speak(
        { text, voice: engineVoice, rate, pitch: options.speechPitch, sampleRate: null },
        gone.signal,
      );
    const audio = inOrder(sentences, speak, options.speechConcurrency);
    // The first sentence decides the status: a full pool is still a 503 here, not a cut stream.
    const first = await audio.next();
    const sampleRate = first.done === true ? engine.description.sampleRate : first.value.sampleRate;
    res.writeHead(200, {
      'content-type': format === 'wav' ? 'audio/wav' : 'audio/pcm',
      'x-sample-rate': String(sampleRate),
    });
    if (format === 'wav') res.write(encodeWavHeader(sampleRate));
    for (let next = first; next.done !== true; next = await audio.next()) {
      if (gone.signal.aborted) return;
      if (!res.write(pcm16Bytes(next.value.pcm))) await once(res, 'drain', { signal: gone.signal }).catch(() => {});
    }
    res.end();
  };
}

/**
 * Runs `work` over `items` with at most `limit` in flight, yielding results in the items' order.
 * Stopping early (a throw, or the consumer leaving) leaves the started ones to settle unread.
 */
async function* inOrder<T, R>(items: readonly T[], work: (item: T) => Promise<R>, limit: number): AsyncGenerator<R> {
  const inFlight: Array<Promise<R>> = [];
  let next = 0;
  const fill = (): void => {
    while (inFlight.length < limit && next < items.length) {
      const started = work(items[next++] as T);
      started.catch(() => {});
      inFlight.push(started);
    }
  };
  fill();
  while (inFlight.length > 0) {
    const result = await (inFlight.shift() as Promise<R>);
    fill();
    yield result;
  }
}
