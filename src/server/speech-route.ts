/**
 * `POST /v1/audio/speech`, shaped like OpenAI's speech endpoint (the body is checked in
 * `speech-request.ts`). The input is chunked into sentences; at most `speechConcurrency` of them
 * are synthesized in the pool at once, at the requested rate (24 kHz by default, as OpenAI's),
 * and the body streams each one's audio in order as it is ready:
 *
 * - `wav` and `pcm` are the synthesized PCM16 as it is (a WAV declares its length unknown, as
 *   streamed WAV does);
 * - `mp3`, `opus` and `flac` are coded in the pool too, one task per sentence, each after the
 *   previous one (the stream's state goes from task to task), while later sentences synthesize;
 * - `stream_format: "sse"` wraps each piece in OpenAI's `speech.audio.delta` event (base64) and
 *   ends with `speech.audio.done`.
 *
 * The main thread only orders results and writes bytes (and base64 for SSE, linear in the
 * coded size): every per-sample loop runs in a worker.
 */
import { once } from 'node:events';
import { randomInt } from 'node:crypto';
import type { FilledServerOptions } from '../config/options.js';
import type { EncodeReply, EncodeTask } from '../pool/contract.js';
import type { EngineInfo } from '../session/session-settings.js';
import { serverChunker } from '../session/session.js';
import { CONTENT_TYPES, type SpeechFormat, type StreamState, newStreamState } from '../speech/encoding/formats.js';
import { encodeWavHeader, pcm16Bytes } from '../speech/wav.js';
import { type SpeechAudio, type TurnWorkers, chunkWholeText } from '../turn/turn-workers.js';
import { type RouteHandler, readJsonObject } from './http-routes.js';
import { type SpeechRequest, parseSpeechRequest } from './speech-request.js';

/** The pool's encoder, as the route uses it. */
export type SpeechEncoder = (task: EncodeTask) => Promise<EncodeReply>;

/** OpenAI's `speech.audio.done` usage: eSpeak reads no tokens, so every count is 0. */
const NO_TOKENS = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };

export function speechRoute(options: FilledServerOptions, workers: TurnWorkers, encode: SpeechEncoder, engine: EngineInfo): RouteHandler {
  return async (req, res) => {
    const request = parseSpeechRequest(await readJsonObject(req, options.maxHttpBodyBytes), engine, options);
    const sentences = await chunkWholeText(workers, request.input, serverChunker(options, request.voice));
    // A client that hangs up stops the work: sentences still queued in the pool are skipped.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort(new Error('The HTTP client went away.'));
    });
    const speak = (text: string): Promise<SpeechAudio> =>
      workers.speak({ text, voice: request.voice, rate: request.rate, pitch: request.pitch, sampleRate: request.sampleRate }, gone.signal);
    const audio = inOrder(sentences, speak, options.speechConcurrency);
    // The first sentence decides the status: a full pool is still a 503 here, not a cut stream.
    const first = await audio.next();
    res.writeHead(200, {
      'content-type': request.stream === 'sse' ? 'text/event-stream' : CONTENT_TYPES[request.format],
      'cache-control': 'no-store',
      'x-sample-rate': String(request.sampleRate),
    });
    const code = segmentCoder(request, encode);
    const write = async (bytes: Uint8Array): Promise<void> => {
      if (bytes.length === 0 && request.stream === 'sse') return;
      const chunk = request.stream === 'sse' ? sseEvent({ type: 'speech.audio.delta', audio: Buffer.from(bytes).toString('base64') }) : bytes;
      if (!res.write(chunk)) await once(res, 'drain', { signal: gone.signal }).catch(() => {});
    };
    let index = 0;
    for (let next = first; next.done !== true; next = await audio.next()) {
      if (gone.signal.aborted) return;
      index++;
      await write(await code(next.value.pcm, index === sentences.length));
    }
    // Nothing to say still makes a well-formed (empty) file: the header, and Ogg's end page.
    if (sentences.length === 0) await write(await code(new Int16Array(0), true));
    if (gone.signal.aborted) return;
    if (request.stream === 'sse') res.write(sseEvent({ type: 'speech.audio.done', usage: NO_TOKENS }));
    res.end();
  };
}

function sseEvent(event: object): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/**
 * The bytes of each sentence in `request.format`, called once per sentence in order: PCM16 as it
 * is (behind a WAV header for the first), or the pool's encoder with the stream's state.
 */
function segmentCoder(request: SpeechRequest, encode: SpeechEncoder): (pcm: Int16Array, final: boolean) => Promise<Uint8Array> {
  const format: SpeechFormat = request.format;
  if (format === 'wav' || format === 'pcm') {
    let header = format === 'wav';
    return async (pcm) => {
      const bytes = pcm16Bytes(pcm);
      if (!header) return bytes;
      header = false;
      return Buffer.concat([encodeWavHeader(request.sampleRate), bytes]);
    };
  }
  let state: StreamState = newStreamState(randomInt(0x1_0000_0000));
  return async (pcm, final) => {
    const reply = await encode({ format, pcm, sampleRate: request.sampleRate, state, final });
    state = reply.state;
    return reply.bytes;
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
