/**
 * Server settings: one table says, for each setting, its type, range and default. The options
 * interface, the defaults object, validation, the env var (`SAYWIRE_<SNAKE_NAME>`) and the CLI flag
 * (`--kebab-name`) all derive from it, so they cannot drift apart. The README's configuration
 * table is checked against it by `test/config/options.test.ts`. Reading the environment, the
 * command line and a config file is `option-sources.ts`.
 */
import { ConfigError } from '../errors.js';
import { normalizeLanguageTag } from '../language/language-rules.js';
import { DEFAULT_ENGINE } from '../speech/engines.js';

interface IntSpec {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly doc: string;
}
interface NumberSpec {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly doc: string;
}
interface EnumSpec<T extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly T[];
  readonly default: T;
  readonly doc: string;
}
interface StringSpec {
  readonly kind: 'string';
  readonly default: string;
  /** Secrets are never logged or echoed. */
  readonly secret?: boolean;
  readonly doc: string;
}
interface BoolSpec {
  readonly kind: 'bool';
  readonly default: boolean;
  readonly doc: string;
}
export type SettingSpec = IntSpec | NumberSpec | EnumSpec | StringSpec | BoolSpec;

const int = (min: number, max: number, def: number, doc: string): IntSpec => ({ kind: 'int', min, max, default: def, doc });
const num = (min: number, max: number, def: number, doc: string): NumberSpec => ({
  kind: 'number',
  min,
  max,
  default: def,
  doc,
});
const oneOf = <const T extends string>(values: readonly T[], def: NoInfer<T>, doc: string): EnumSpec<T> => ({
  kind: 'enum',
  values,
  default: def,
  doc,
});
const str = (def: string, doc: string, secret = false): StringSpec => ({ kind: 'string', default: def, secret, doc });
const bool = (def: boolean, doc: string): BoolSpec => ({ kind: 'bool', default: def, doc });

const HOUR = 3_600_000;

/** The speech settings' ranges and defaults are the engine's own. */
const SPEECH = DEFAULT_ENGINE.description;

/** OpenAI's speech voices: what an OpenAI-compatible speech endpoint is asked for unless `ttsVoices` says otherwise. */
const OPENAI_VOICE_NAMES = 'alloy,ash,ballad,coral,echo,fable,nova,onyx,sage,shimmer,verse';

/** A voice name an upstream takes: no spaces or commas, not empty, at most 64 characters. */
const TTS_VOICE = /^[\w.:@+-]{1,64}$/;

/** The settings table. Order is the README's order. */
export const SETTINGS = {
  host: str('127.0.0.1', 'Address to listen on.'),
  port: int(0, 65_535, 8080, 'TCP port for HTTP and WebSocket (0 picks a free port).'),
  logLevel: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info', 'pino log level.'),
  logText: bool(false, 'Log user and agent text in clear (otherwise such fields are redacted).'),

  authToken: str('', 'Shared secret clients must send (Authorization: Bearer, or ?token= for browsers). Required when host is not loopback.', true),
  tokenTtlMs: int(1000, HOUR, 60_000, 'How long a token from POST /v1/tokens may open its one WebSocket (?token=).'),
  allowedOrigins: str('', 'Comma-separated browser origins allowed besides the same origin ("*" allows any): on the WebSocket, and with CORS headers on the HTTP routes.'),
  allowedHosts: str('', 'Comma-separated Host names accepted besides localhost and IP addresses (".example.com" takes its subdomains too, "*" any); others get 403 FORBIDDEN_HOST, against DNS rebinding.'),
  maxConnections: int(1, 1_000_000, 2000, 'Open WebSockets in total; more are refused with 503.'),
  maxConnectionsPerIp: int(1, 1_000_000, 100, 'Open WebSockets per client address; more are refused with 429.'),
  eventsPerSecond: num(0.1, 100_000, 50, 'Sustained client events per second per connection (token bucket rate).'),
  eventBurst: int(1, 100_000, 200, 'Client events a connection may send at once (token bucket size).'),
  rateLimitStrikes: int(1, 100_000, 50, 'Rate-limited events after which the connection is closed with 1008.'),
  maxFragments: int(1, 100_000, 1024, 'Fragments one WebSocket message may have; more closes with 1008.'),
  maxHeaderCount: int(10, 2000, 100, 'Request headers accepted; more is a 400.'),
  httpHeadersTimeoutMs: int(1000, 600_000, 10_000, 'Time a client has to send its request headers.'),
  httpRequestTimeoutMs: int(1000, 600_000, 30_000, 'Time a client has to send a whole HTTP request.'),
  admissionMaxLoopDelayMs: int(1, 60_000, 250, 'New turns are refused (OVERLOADED) while the event-loop delay p99 is above this.'),
  admissionMaxQueueShare: num(0.05, 1, 0.5, 'New turns are refused (OVERLOADED) once the pool queue holds this share of poolMaxQueue; the rest is headroom for running turns.'),
  admissionWindowMs: int(100, 60_000, 1000, 'Window over which the event-loop delay p99 for admission is measured.'),
  overloadStrikes: int(1, 10_000, 5, 'Refused turns in a row after which the connection is closed with 1013.'),
  maxTurnMs: int(1000, 86_400_000, 300_000, 'Wall time one turn may take.'),
  maxTurnAudioMs: int(1000, 86_400_000, 600_000, 'Audio one turn may produce, ms.'),

  poolMinThreads: int(1, 64, 2, 'Worker threads kept warm.'),
  poolMaxThreads: int(0, 64, 2, 'Most speaking worker threads (size it to the cores); with pool chunking one more thread, which loads no engine, finds sentence ends. 0 runs chunking and synthesis on the main thread: the single-loop design, for benchmark comparison only, never for production.'),
  poolMaxQueue: int(1, 100_000, 512, 'Pool tasks that may wait for a thread; past it work fails with OVERLOADED.'),
  poolMaxHeapMb: int(16, 65_536, 512, 'Heap limit of each worker thread; a worker past it fails its task, not the process.'),
  poolWarmUpSyntheses: int(1, 1000, 24, 'Sentences each pool thread speaks at start, before /readyz says ready: a cold engine runs its first sentences many times slower while V8 optimizes it.'),
  chunking: oneOf(['pool', 'inline'], 'pool', 'Where sentence boundaries are found: the worker pool, or the main thread (for comparison).'),

  interruptWaitMs: int(0, 60_000, 1000, 'On cancel, how long to wait for in-flight pool work before answering.'),
  turnMaxAgeMs: int(1000, 24 * HOUR, HOUR, 'Completed turns older than this are evicted.'),
  turnsRetained: int(0, 10_000, 16, 'Completed turns kept per connection (most recent first).'),
  turnSweepIntervalMs: int(100, HOUR, 60_000, 'How often idle connections evict old turns.'),
  maxPendingEvents: int(1, 10_000, 64, 'Client events waiting to be handled per connection; past it events get OVERLOADED.'),
  tokenQueueMax: int(1, 100_000, 256, 'Agent token deltas buffered per turn before the agent stream waits.'),
  sentenceQueueMax: int(1, 10_000, 32, 'Sentences buffered per turn between chunking and sending.'),

  maxTextBytes: int(1, 1 << 20, 16_384, 'Largest text in one client event, UTF-8 bytes.'),
  maxTurnTextBytes: int(1, 16 << 20, 262_144, 'Most text one turn may carry (client text or agent reply), UTF-8 bytes.'),
  maxSentenceChars: int(20, 10_000, 300, 'A run with no sentence boundary is split on a space at this length.'),
  minSentenceChars: int(0, 10_000, 0, 'Fragments shorter than this merge into the next sentence (0 = off).'),
  firstClauseChars: int(0, 10_000, 0, 'When > 0, the first chunk of a turn may end at a clause mark once this long (0 = off).'),
  chunkLanguage: str('', 'Language whose sentence rules the chunker uses, a tag such as "de" or "es-MX" (empty: the language of the voice).'),

  voice: str(SPEECH.defaultVoice, 'Default voice of a new session (GET /v1/voices lists them).'),
  speechRate: int(SPEECH.rate.min, SPEECH.rate.max, SPEECH.rate.default, 'Default speaking rate, words per minute.'),
  speechPitch: int(SPEECH.pitch.min, SPEECH.pitch.max, SPEECH.pitch.default, 'Default voice pitch.'),
  pronunciationsFile: str('', 'JSON file of pronunciations for every session, [{"text","say","case_sensitive"?}] (at most 5000; a session\'s own come first).'),
  audioFrameMs: int(10, 1000, 40, 'Audio per binary frame (or base64 delta), ms.'),
  textDeltaMs: int(0, 1000, 100, 'At most one response.text.delta per this many ms: agent tokens in between go out together (0: one event per token).'),
  speechConcurrency: int(1, 16, 3, 'Sentences of one turn synthesized at once.'),
  sendHighWaterBytes: int(1024, 64 << 20, 262_144, 'Above this socket bufferedAmount, audio sending waits.'),
  sendHardCapBytes: int(1024, 256 << 20, 1_048_576, 'A client whose unsent bytes pass this is closed at once (SLOW_CLIENT).'),
  slowClientTimeoutMs: int(100, 600_000, 10_000, 'How long a client may stay above sendHighWaterBytes before it is closed (SLOW_CLIENT).'),
  historyMaxChars: int(0, 10_000_000, 32_000, 'Conversation history kept per connection, characters (oldest dropped first).'),
  maxHttpBodyBytes: int(1, 16 << 20, 262_144, 'Largest HTTP request body (POST /v1/chunk, /v1/audio/speech).'),

  shutdownGraceMs: int(0, 600_000, 10_000, 'On SIGTERM/SIGINT, how long running turns may finish before they are cancelled.'),

  maxPayloadBytes: int(128, 16 << 20, 65_536, 'Largest WebSocket message accepted (ws maxPayload); larger closes with 1009.'),
  heartbeatIntervalMs: int(1000, HOUR, 30_000, 'Ping interval; a peer that misses a pong by the next ping is terminated.'),
  idleTimeoutMs: int(0, 24 * HOUR, 300_000, 'A socket with no client event and no running turn for this long is closed with 1000 "idle" (0 = never).'),

  agent: oneOf(['scripted', 'openai'], 'scripted', 'Agent source for response.create: the built-in scripted agent, or an OpenAI-compatible endpoint.'),
  scriptedTokensPerSecond: num(0, 100_000, 50, 'Scripted agent token rate (0 = as fast as possible).'),
  scriptedFirstTokenMs: int(0, 60_000, 150, 'Scripted agent delay before its first token.'),

  openaiBaseUrl: str('https://api.openai.com/v1', 'Base URL of an OpenAI-compatible Chat Completions API (vLLM, Ollama, llama.cpp, LM Studio...).'),
  openaiApiKey: str('', 'API key sent as a bearer token; never logged.', true),
  openaiModel: str('gpt-4o-mini', 'Model name sent upstream.'),
  systemPrompt: str(
    'You are a helpful voice assistant. Answer briefly, in plain spoken sentences, without markdown.',
    'System prompt sent first in every upstream request (never dropped from the history).',
  ),
  temperature: num(0, 2, 0.7, 'Sampling temperature sent upstream.'),
  maxOutputTokens: int(1, 100_000, 512, 'Most tokens the upstream may generate per request.'),
  openaiConnectTimeoutMs: int(100, 600_000, 10_000, 'Time allowed for the upstream to answer with headers.'),
  openaiIdleTimeoutMs: int(100, 600_000, 30_000, 'Longest silence allowed between upstream stream chunks.'),
  openaiRetries: int(0, 10, 2, 'Retries of a failed upstream request, only before its first token.'),
  openaiRetryBaseMs: int(0, 60_000, 250, 'Backoff before the first retry; doubles each time.'),
  tts: oneOf(['espeak', 'openai'], 'espeak', 'Speech engine: the built-in eSpeak-NG, or any OpenAI-compatible /v1/audio/speech endpoint (OpenAI, Kokoro-FastAPI, another saywire...).'),
  ttsBaseUrl: str('', 'Base URL of the OpenAI-compatible speech API, e.g. https://api.openai.com/v1 (required when tts is openai).'),
  ttsApiKey: str('', 'API key sent to the speech endpoint as a bearer token; never logged.', true),
  ttsModel: str('tts-1', 'Speech model name sent upstream.'),
  ttsVoices: str(OPENAI_VOICE_NAMES, 'Comma-separated voices the speech endpoint has: GET /v1/voices offers them, session.update accepts them; the first is the default voice.'),
  ttsConnectTimeoutMs: int(100, 600_000, 10_000, 'Time allowed for the speech endpoint to answer with headers.'),
  ttsIdleTimeoutMs: int(100, 600_000, 10_000, 'Longest silence allowed between chunks of the speech endpoint\'s audio.'),
  ttsRetries: int(0, 10, 2, 'Retries of a failed speech request, only before its first audio byte.'),
  ttsRetryBaseMs: int(0, 60_000, 250, 'Backoff before the first speech retry; doubles each time.'),
  toolCallTimeoutMs: int(100, 3_600_000, 30_000, 'How long a turn waits for the client to answer a function call.'),
  maxToolRounds: int(0, 100, 5, 'Most upstream requests with tool calls in one turn.'),
} as const satisfies Record<string, SettingSpec>;

type Specs = typeof SETTINGS;
type ValueOf<S> = S extends IntSpec | NumberSpec
  ? number
  : S extends EnumSpec<infer T>
    ? T
    : S extends BoolSpec
      ? boolean
      : string;

/** Server options as given: every field optional; see {@link SETTINGS} for units and defaults. */
export type ServerOptions = { -readonly [K in keyof Specs]?: ValueOf<Specs[K]> };

/** Options after validation: every field present, frozen. */
export type FilledServerOptions = Readonly<{ [K in keyof Specs]: ValueOf<Specs[K]> }>;

/** A setting's name. */
export type SettingName = keyof Specs;

export const NAMES = Object.keys(SETTINGS) as SettingName[];

/** The defaults object. */
export const DEFAULT_OPTIONS: FilledServerOptions = Object.freeze(
  Object.fromEntries(NAMES.map((name) => [name, SETTINGS[name].default])) as FilledServerOptions,
);

/** `scriptedTokensPerSecond` → `SAYWIRE_SCRIPTED_TOKENS_PER_SECOND`. */
export function envName(name: SettingName): string {
  return `SAYWIRE_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** `scriptedTokensPerSecond` → `--scripted-tokens-per-second`. */
export function flagName(name: SettingName): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Describes what a setting accepts, for error messages and the README. */
export function describeRange(spec: SettingSpec): string {
  switch (spec.kind) {
    case 'int':
      return `an integer from ${spec.min} to ${spec.max}`;
    case 'number':
      return `a number from ${spec.min} to ${spec.max}`;
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'bool':
      return 'true or false';
    case 'string':
      return 'a string';
  }
}

function checkValue(name: SettingName, value: unknown, source: string): unknown {
  const spec: SettingSpec = SETTINGS[name];
  const bad = (): never => {
    const shown = 'secret' in spec && spec.secret ? '(hidden)' : JSON.stringify(value);
    throw new ConfigError(name, `Setting "${name}" (${source}) must be ${describeRange(spec)}; got ${shown}.`);
  };
  switch (spec.kind) {
    case 'int':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad();
      if (spec.kind === 'int' && !Number.isInteger(value)) return bad();
      if (value < spec.min || value > spec.max) return bad();
      return value;
    }
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? value : bad();
    case 'bool':
      return typeof value === 'boolean' ? value : bad();
    case 'string':
      return typeof value === 'string' ? value : bad();
  }
}

/** Checks each key and value of one layer of settings; cross-setting rules wait for the merge. */
export function checkLayer(options: Record<string, unknown>, source: string): ServerOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!(key in SETTINGS)) {
      throw new ConfigError(key, `Unknown setting "${key}" (${source}). Known settings: ${NAMES.join(', ')}.`);
    }
    if (value !== undefined) out[key] = checkValue(key as SettingName, value, source);
  }
  return out as ServerOptions;
}

/**
 * Validates options and fills defaults. Unknown keys and bad values throw a {@link ConfigError}
 * that names the setting and its allowed range. `source` says where values came from.
 */
export function validateOptions(options: Record<string, unknown> = {}, source = 'options'): FilledServerOptions {
  let result = { ...DEFAULT_OPTIONS, ...checkLayer(options, source) } as FilledServerOptions;
  // poolMaxThreads 0 (main-thread-only) has no threads to keep warm: poolMinThreads is unused then.
  if (result.poolMaxThreads > 0 && result.poolMinThreads > result.poolMaxThreads) {
    throw new ConfigError(
      'poolMinThreads',
      `Setting "poolMinThreads" (${result.poolMinThreads}) must not exceed "poolMaxThreads" (${result.poolMaxThreads}).`,
    );
  }
  if (result.authToken === '' && !isLoopback(result.host)) {
    throw new ConfigError(
      'authToken',
      `Setting "authToken" must be set when "host" (${result.host}) is not a loopback address: anyone who can reach the port could use the server.`,
    );
  }
  if (result.agent === 'openai') checkHttpUrl('openaiBaseUrl', result.openaiBaseUrl);
  if (result.tts === 'openai') {
    checkHttpUrl('ttsBaseUrl', result.ttsBaseUrl);
    const voices = ttsVoiceList(result.ttsVoices);
    const bad = voices.find((v) => !TTS_VOICE.test(v));
    if (voices.length === 0 || bad !== undefined) {
      throw new ConfigError(
        'ttsVoices',
        `Setting "ttsVoices" must be a comma-separated list of voice names (letters, digits, _ . : @ + -, at most 64 each); got ${JSON.stringify(result.ttsVoices)}.`,
      );
    }
    // The eSpeak default voice means nothing upstream: unless one is chosen, the first listed speaks.
    if (options.voice === undefined) result = { ...result, voice: voices[0] as string };
    else if (!voices.includes(result.voice)) {
      throw new ConfigError('voice', `Setting "voice" must be one of "ttsVoices" (${voices.join(', ')}) when "tts" is openai; got ${JSON.stringify(result.voice)}.`);
    }
  }
  if (result.sendHighWaterBytes > result.sendHardCapBytes) {
    throw new ConfigError(
      'sendHighWaterBytes',
      `Setting "sendHighWaterBytes" (${result.sendHighWaterBytes}) must not exceed "sendHardCapBytes" (${result.sendHardCapBytes}).`,
    );
  }
  if (result.chunkLanguage !== '' && normalizeLanguageTag(result.chunkLanguage) === undefined) {
    throw new ConfigError(
      'chunkLanguage',
      `Setting "chunkLanguage" must be empty or a language tag such as "en" or "de-AT"; got ${JSON.stringify(result.chunkLanguage)}.`,
    );
  }
  for (const name of ['minSentenceChars', 'firstClauseChars'] as const) {
    if (result[name] > result.maxSentenceChars) {
      throw new ConfigError(name, `Setting "${name}" (${result[name]}) must not exceed "maxSentenceChars" (${result.maxSentenceChars}).`);
    }
  }
  return Object.freeze(result);
}

/** The voices of a `ttsVoices` list, in order. */
export function ttsVoiceList(list: string): string[] {
  return list
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Throws naming `name` unless `value` is an http(s) URL. */
function checkHttpUrl(name: SettingName, value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(name, `Setting "${name}" must be an http(s) URL; got ${JSON.stringify(value)}.`);
  }
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
