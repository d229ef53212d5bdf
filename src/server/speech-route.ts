/**
 * `POST /v1/audio/speech`, shaped like OpenAI's speech endpoint: `{ input, voice?, speed?,
 * response_format? }` → WAV or raw PCM16. The input is chunked into sentences and each is
 * synthesized in the pool, in parallel, then joined in order.
 */
import type { FilledServerOptions } from '../config/options.js';
import type { EngineInfo } from '../session/session-settings.js';
import { encodeWav } from '../speech/wav.js';
import { fillChunkerOptions } from '../text/chunker-options.js';
import { SentenceCarry } from '../text/sentence-carry.js';
import type { TurnWorkers } from '../turn/conversation-turn.js';
import { HttpError, type RouteHandler, readJsonObject } from './http-routes.js';

/** OpenAI's limit on `input`, characters. */
export const MAX_SPEECH_INPUT_CHARS = 4096;

/** OpenAI voice names: clients send them by default; they map to the server's default voice. */
const OPENAI_VOICES = new Set(['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse']);

const FIELDS = new Set(['input', 'voice', 'speed', 'response_format', 'model']);

export function speechRoute(options: FilledServerOptions, workers: TurnWorkers, engine: EngineInfo): RouteHandler {
  return async (req, res) => {
    const body = await readJsonObject(req, options.maxHttpBodyBytes);
    for (const key of Object.keys(body)) {
      if (!FIELDS.has(key)) throw new HttpError(400, 'INVALID_REQUEST', `Unknown field "${key}".`);
    }
    const { input, voice = options.voice, speed = 1, response_format: format = 'wav' } = body;
    if (typeof input !== 'string' || input.trim() === '') {
      throw new HttpError(400, 'INVALID_REQUEST', 'Field "input" must be a non-empty string.');
    }
    if (input.length > MAX_SPEECH_INPUT_CHARS) {
      throw new HttpError(400, 'INPUT_TOO_LONG', `Field "input" is longer than ${MAX_SPEECH_INPUT_CHARS} characters.`);
    }
    if (typeof voice !== 'string' || !(engine.voices.has(voice) || OPENAI_VOICES.has(voice))) {
      throw new HttpError(400, 'INVALID_REQUEST', `Unknown voice ${JSON.stringify(voice)}; see GET /v1/voices.`);
    }
    if (typeof speed !== 'number' || !(speed >= 0.25 && speed <= 4)) {
      throw new HttpError(400, 'INVALID_REQUEST', 'Field "speed" must be a number from 0.25 to 4.');
    }
    if (format !== 'wav' && format !== 'pcm') {
      throw new HttpError(400, 'INVALID_REQUEST', 'Field "response_format" must be "wav" or "pcm".');
    }
    const chunker = fillChunkerOptions({ maxSentenceChars: options.maxSentenceChars });
    const carry = new SentenceCarry(chunker);
    carry.append(input);
    const sentences = carry.apply(await workers.scan({ text: input, state: carry.state, options: chunker, final: true }), input.length);
    const rate = Math.min(450, Math.max(80, Math.round(options.speechRate * speed)));
    const audio = await Promise.all(
      sentences.map((text) =>
        workers.speak({
          text,
          voice: OPENAI_VOICES.has(voice) ? options.voice : voice,
          rate,
          pitch: options.speechPitch,
          sampleRate: null,
        }),
      ),
    );
    const total = audio.reduce((n, a) => n + a.pcm.length, 0);
    const pcm = new Int16Array(total);
    let at = 0;
    for (const a of audio) {
      pcm.set(a.pcm, at);
      at += a.pcm.length;
    }
    const sampleRate = audio[0]?.sampleRate ?? engine.nativeRate;
    const bytes = format === 'wav' ? encodeWav(pcm, sampleRate) : new Uint8Array(pcm.buffer);
    res.writeHead(200, {
      'content-type': format === 'wav' ? 'audio/wav' : 'audio/pcm',
      'content-length': bytes.byteLength,
      'x-sample-rate': String(sampleRate),
    });
    res.end(bytes);
  };
}
