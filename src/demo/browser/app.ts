// The root tsconfig compiles all of src/ without the DOM lib; this file needs it there too.
/**
 * The saywire playground: type, hear, interrupt, tune the voice, watch the wire. It talks to
 * the server only through the client module (`src/client/`), the same code Node apps use.
 *
 * ```
 * Send ──▶ client.createResponse (agent) │ client.createTextResponse(deltas) (speak my text),
 *          in the message's own voice if one is chosen
 * Flush (speak my text) ──▶ the open text response gets the message and a text.flush; it stays
 *          open until a Send ends it
 * handle ─▶ response.sentence ─▶ sentence kept hidden          (one reply's own state: PlayingTurn)
 *        ─▶ audio chunk ───────▶ PlaybackStream.schedule ─▶ the sentence's start on the audio clock
 *        ─▶ response.audio.done ▶ word timings
 *        ─▶ done ──────────────▶ timings line; played(ms) once playback ended or was stopped
 * animation frame ─▶ reveal sentences whose audio has started, highlight the sounding word, level meter
 * Stop / Escape / a new Send ─▶ cancel (if the server is still at it), every buffer silenced,
 *                               the reply marked interrupted and trimmed to the last word heard
 * client state ─▶ status pill; a dropped socket silences the turn and the client reconnects with backoff
 * ```
 *
 * `played(ms)` goes out only after the response's `done`: the server trims the history of a
 * cancelled response by it, and only once that response is finished.
 */
import { type AudioChunk, type ResponseHandle, SaywireClient, SaywireClientError, type SessionUpdateFields, type TextResponseHandle } from '../../client/index.js';
import { type SocketFactory, openSocket } from '../../client/socket.js';
import { AudioPlayer } from './audio-player.js';
import { SessionControls, type VoiceList } from './controls.js';
import type { DemoState, ResponseSummary } from './demo-state.js';
import { endpointsFor } from './endpoints.js';
import { EventsPanel } from './events-panel.js';
import { LevelMeter } from './level-meter.js';
import { PlayingTurn } from './playing-turn.js';
import { splitIntoDeltas } from './text-deltas.js';

/**
 * The page is left open for hours: it keeps the latest turns (transcript and state), sentences
 * and errors, and lets older ones go.
 */
const MAX_TURNS = 20;
const MAX_SENTENCES = 500;
const MAX_ERRORS = 50;

/** Appends `item`, dropping the oldest items past `max`. */
function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/** Reconnect for about a minute (a server restart), then offer the button. */
const RECONNECT = { maxAttempts: 15, initialDelayMs: 250, maxDelayMs: 5000 };

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no #${id}`);
  return found;
}

const ui = {
  status: element('status', HTMLElement),
  backends: element('backends', HTMLElement),
  reconnect: element('reconnect', HTMLButtonElement),
  tokenForm: element('token-form', HTMLFormElement),
  token: element('token', HTMLInputElement),
  form: element('composer', HTMLFormElement),
  message: element('message', HTMLTextAreaElement),
  send: element('send', HTMLButtonElement),
  flush: element('flush', HTMLButtonElement),
  responseVoice: element('response-voice', HTMLSelectElement),
  stop: element('stop', HTMLButtonElement),
  level: element('level', HTMLMeterElement),
  error: element('error', HTMLElement),
  transcript: element('transcript', HTMLOListElement),
};

let endpoints = endpointsFor(window.location);
const player = new AudioPlayer();
const panel = new EventsPanel(element('event-log', HTMLOListElement), element('event-count', HTMLElement), element('frame-counts', HTMLElement));
const state: DemoState = {
  state: 'connecting',
  session: null,
  reconnects: 0,
  needsToken: false,
  voices: [],
  scheduledBuffers: 0,
  scheduledMs: 0,
  sentences: [],
  lastDone: null,
  cancelSent: 0,
  activeSources: 0,
  peakLevel: 0,
  eventsLogged: 0,
  frameCounts: {},
  flushed: [],
  errors: [],
  turns: [],
};
Object.assign(window, { saywireDemo: state });

let client: SaywireClient | undefined;
/** The latest turn: the one that may be sounding. */
let current: PlayingTurn | undefined;
/** A "speak my text" response a Flush left open for more text; the next Send ends it. */
let openText: TextResponseHandle | undefined;
let ticking = false;
let everOpen = false;

const meter = new LevelMeter(ui.level, () => player.level(), () => current?.stream.playing === true);
const controls = new SessionControls(
  {
    voice: element('voice', HTMLSelectElement),
    rate: element('rate', HTMLInputElement),
    rateValue: element('rate-value', HTMLOutputElement),
    pitch: element('pitch', HTMLInputElement),
    pitchValue: element('pitch-value', HTMLOutputElement),
    sampleRate: element('sample-rate', HTMLSelectElement),
    firstClause: element('first-clause', HTMLInputElement),
    audioFormat: element('audio-format', HTMLSelectElement),
  },
  changeSession,
);

/** Every event the page sends goes through here to the events panel. */
const tappedSocket: SocketFactory = async (url, token) => {
  const socket = await openSocket(url, token);
  const send = socket.send.bind(socket);
  socket.send = (data) => {
    log('→', JSON.parse(data) as { type: string });
    send(data);
  };
  return socket;
};

function log(direction: '→' | '←', event: { type: string }): void {
  panel.log(direction, event);
  state.eventsLogged = panel.logged;
}

function showStatus(kind: DemoState['state'], text: string): void {
  state.state = kind;
  ui.status.dataset.state = kind;
  ui.status.textContent = text;
  ui.reconnect.hidden = kind !== 'closed' || state.needsToken;
  ui.send.disabled = kind !== 'open';
  updateFlush();
  if (kind !== 'open') controls.disable();
}

function showError(code: string, message: string): void {
  pushBounded(state.errors, { code, message }, MAX_ERRORS);
  ui.error.textContent = `${code}: ${message}`;
  ui.error.hidden = false;
}

/** Flush is for "speak my text" on an open socket. */
function updateFlush(): void {
  ui.flush.disabled = state.state !== 'open' || modeOf() !== 'speak';
}

function modeOf(): 'agent' | 'speak' {
  return new FormData(ui.form).get('mode') === 'speak' ? 'speak' : 'agent';
}

/** The message's own voice, if one is chosen (it applies to that response only). */
function responseVoice(): { voice?: string } {
  return ui.responseVoice.value === '' ? {} : { voice: ui.responseVoice.value };
}

function updateStop(): void {
  const turn = current;
  ui.stop.disabled = turn === undefined || (turn.finished && !turn.stream.playing);
  state.activeSources = turn?.stream.activeSources ?? 0;
}

function changeSession(fields: SessionUpdateFields): void {
  if (client === undefined) return;
  client.updateSession(fields).catch((err: unknown) => {
    if (err instanceof SaywireClientError) showError(err.code, err.message);
    controls.revert();
  });
}

/** Reports what was heard, once the response is finished and its playback ended or was stopped; safe to call often. */
function report(turn: PlayingTurn): void {
  turn.report(client?.state === 'open');
}

/** Barge-in: the server stops the response, the page stops its audio at once and trims the reply to what was heard. */
function interrupt(): void {
  const turn = current;
  if (turn === undefined) return;
  if (!turn.finished && !turn.state.cancelSent && client?.state === 'open') {
    turn.state.cancelSent = true;
    state.cancelSent++;
    turn.handle.cancel();
  }
  turn.bargeIn(player.now);
  report(turn);
  updateStop();
}

function tick(): void {
  const turn = current;
  ticking = false;
  if (turn === undefined || turn.stream.stopped) return;
  for (const text of turn.show(player.now)) pushBounded(state.sentences, text, MAX_SENTENCES);
  state.activeSources = turn.stream.activeSources;
  state.peakLevel = meter.peak;
  if (turn.stream.playing) {
    ticking = true;
    requestAnimationFrame(tick);
  } else {
    turn.view.highlight(-1, -1);
  }
}

function startTicking(): void {
  meter.start();
  if (ticking) return;
  ticking = true;
  requestAnimationFrame(tick);
}

function onAudio(turn: PlayingTurn, chunk: AudioChunk): void {
  const ms = (chunk.samples.length / chunk.header.sampleRate) * 1000;
  panel.countFrame(turn.handle.id ?? turn.handle.requestId, ms);
  state.frameCounts = panel.frameCounts;
  if (turn !== current || turn.stream.stopped) {
    turn.state.framesIgnored++;
    return;
  }
  if (!turn.play(chunk)) return;
  state.scheduledBuffers++;
  state.scheduledMs += ms;
  updateStop();
  startTicking();
}

function follow(turn: PlayingTurn): void {
  const { handle } = turn;
  handle.on('audio', (chunk) => onAudio(turn, chunk));
  handle.done.then(
    (done: ResponseSummary) => {
      state.lastDone = done;
      turn.finish(done);
      report(turn);
      updateStop();
    },
    (err: unknown) => {
      const code = err instanceof SaywireClientError ? err.code : 'CLIENT_ERROR';
      turn.fail(code);
      if (code !== 'CONNECTION_CLOSED') showError(code, err instanceof Error ? err.message : String(err));
      updateStop();
    },
  );
  turn.stream.onEnded = () => {
    report(turn);
    updateStop();
  };
}

function submit(): void {
  const text = ui.message.value.trim();
  if (text === '' || client === undefined || client.state !== 'open') return;
  player.unlock();
  ui.error.hidden = true;
  const mode = modeOf();
  if (mode === 'speak' && openText !== undefined && !openText.finished) {
    // The text a Flush left open: this message is its last piece.
    const open = openText;
    openText = undefined;
    for (const delta of splitIntoDeltas(` ${text}`)) open.append(delta);
    open.end();
    ui.message.value = '';
    return;
  }
  interrupt();
  let handle: ResponseHandle;
  try {
    handle =
      mode === 'agent'
        ? client.createResponse({ input: text, ...responseVoice() })
        : client.createTextResponse({ text: splitIntoDeltas(text), ...responseVoice() });
  } catch (err) {
    if (err instanceof SaywireClientError) showError(err.code, err.message);
    return;
  }
  begin(handle, mode, text);
}

/**
 * Flush ("speak my text"): the message goes into the open text response (a new one if none is
 * open) and is spoken now, boundary or not; the response stays open for more.
 */
function flushText(): void {
  const text = ui.message.value.trim();
  if (text === '' || client === undefined || client.state !== 'open' || modeOf() !== 'speak') return;
  player.unlock();
  ui.error.hidden = true;
  let open = openText;
  const continuing = open !== undefined && !open.finished;
  try {
    if (open === undefined || !continuing) {
      interrupt();
      open = client.createTextResponse(responseVoice());
      openText = open;
      begin(open, 'speak', text);
    }
    for (const delta of splitIntoDeltas(continuing ? ` ${text}` : text)) open.append(delta);
  } catch (err) {
    if (err instanceof SaywireClientError) showError(err.code, err.message);
    return;
  }
  ui.message.value = '';
  open.flush().then(
    (index) => pushBounded(state.flushed, index, MAX_ERRORS),
    (err: unknown) => {
      if (err instanceof SaywireClientError) showError(err.code, err.message);
    },
  );
}

/** Shows and plays a response the page just asked for. */
function begin(handle: ResponseHandle, mode: 'agent' | 'speak', text: string): void {
  const turn = new PlayingTurn(handle, mode, text, ui.transcript, player.stream());
  pushBounded(state.turns, turn.state, MAX_TURNS);
  while (ui.transcript.childElementCount > MAX_TURNS) ui.transcript.firstElementChild?.remove();
  current = turn;
  follow(turn);
  ui.message.value = '';
  updateStop();
}

/** The socket is gone: silence the turn and clear its highlight (its handle fails on its own). */
function socketLost(): void {
  current?.silence();
  updateStop();
}

/** After a failure: a 401 from the voice list means the token is missing or wrong. */
async function checkToken(): Promise<void> {
  const response = await fetch(endpoints.voices).catch(() => undefined);
  if (response?.status === 401) askForToken();
}

function askForToken(): void {
  state.needsToken = true;
  ui.tokenForm.hidden = false;
  showStatus('closed', 'Token needed');
  ui.token.focus();
}

async function loadVoices(): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch(endpoints.voices);
  } catch (err) {
    showError('VOICES_UNAVAILABLE', `Could not load the voice list (${(err as Error).message}).`);
    return true;
  }
  if (response.status === 401) {
    askForToken();
    return false;
  }
  if (!response.ok) {
    showError('VOICES_UNAVAILABLE', `Could not load the voice list (HTTP ${response.status}).`);
    return true;
  }
  const list = (await response.json()) as VoiceList;
  controls.setVoices(list);
  const sessionVoice = new Option("The session's voice", '');
  const voices = [...list.voices].sort((a, b) => a.name.localeCompare(b.name)).map((v) => new Option(`${v.name} · ${v.languages.join(', ')}`, v.id));
  ui.responseVoice.replaceChildren(sessionVoice, ...voices);
  ui.responseVoice.disabled = false;
  state.voices = list.voices.map((voice) => voice.id);
  return true;
}

function connect(): void {
  void client?.close();
  showStatus('connecting', 'Connecting…');
  const next = new SaywireClient(endpoints.socket, { token: endpoints.token, reconnect: RECONNECT, socketFactory: tappedSocket });
  client = next;
  next.on('event', ({ event }) => {
    // Audio deltas are counted in the frame line, not listed.
    if (event.type !== 'response.audio.delta') log('←', event);
    if (event.type !== 'session.created') return;
    controls.setNativeRate(event.session.audio.sample_rate);
    const { agent, model, speech_engine } = event.session;
    ui.backends.textContent = `Agent ${agent}${model === null ? '' : ` · model ${model}`} · speech ${speech_engine} · protocol v${event.protocol_version}`;
  });
  next.on('session', ({ session }) => {
    state.session = session;
    if (next.state === 'open') controls.show(session);
  });
  next.on('error', ({ error }) => showError(error.code, error.message));
  next.on('state', (event) => {
    if (client !== next) return;
    if (event.state === 'open') {
      if (everOpen) state.reconnects++;
      everOpen = true;
      showStatus('open', 'Connected');
      if (state.session !== null) controls.show(state.session);
    } else if (event.state === 'reconnecting') {
      socketLost();
      showStatus('reconnecting', `Reconnecting (attempt ${event.attempt ?? 1} of ${RECONNECT.maxAttempts})…`);
    } else {
      socketLost();
      const reason = event.reason === undefined || event.reason === '' ? '' : `: ${event.reason}`;
      showStatus('closed', `Disconnected (code ${event.code ?? 0}${reason})`);
      void checkToken();
    }
  });
  next.connect().then(
    () => {
      if (client !== next) return;
      everOpen = true;
      showStatus('open', 'Connected');
      controls.show(next.session);
    },
    () => {
      if (client !== next) return;
      showStatus('closed', 'Could not connect');
      void checkToken();
    },
  );
}

async function start(): Promise<void> {
  if (await loadVoices()) connect();
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});
ui.message.addEventListener('keydown', (event) => {
  // Enter sends, Shift+Enter makes a new line.
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submit();
  }
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') interrupt();
});
ui.stop.addEventListener('click', interrupt);
ui.flush.addEventListener('click', flushText);
ui.form.addEventListener('change', updateFlush);
ui.reconnect.addEventListener('click', connect);
ui.tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  // The token goes into the page's URL (as `?token=` links carry it), so a reload keeps it.
  const url = new URL(window.location.href);
  url.searchParams.set('token', ui.token.value);
  window.history.replaceState(null, '', url);
  endpoints = endpointsFor(window.location);
  state.needsToken = false;
  ui.tokenForm.hidden = true;
  ui.token.value = '';
  void start();
});

void start();
