// The root tsconfig compiles all of src/ without the DOM lib; this file needs it there too.
/**
 * The saywire demo page: type, hear, interrupt.
 *
 * ```
 * Send ──▶ response.create (agent) │ text.append × n + text.done (speak my text)
 * socket ─▶ response.sentence ─▶ sentence kept hidden
 *        ─▶ audio frame ───────▶ PlaybackStream.schedule ─▶ the sentence's start on the audio clock
 *        ─▶ response.audio.done ▶ word timings
 *        ─▶ response.done ─────▶ timings line; response.played once playback ended or was stopped
 * animation frame ─▶ reveal sentences whose audio has started, highlight the sounding word
 * Stop / a new Send ─▶ response.cancel (if the server is still at it) + every buffer silenced
 * ```
 *
 * `response.played` goes out only after the response's `response.done`: the server trims the
 * history of a cancelled response by it, and only once that response is finished.
 */
import { AudioPlayer, type PlaybackStream } from './audio-player.js';
import type { DemoState, ResponseSummary, TurnState } from './demo-state.js';
import { endpointsFor } from './endpoints.js';
import { parsePcmFrame } from './pcm-frame.js';
import { splitIntoDeltas } from './text-deltas.js';
import { TranscriptTurn, formatTimings } from './transcript.js';
import type { ServerEvent } from '../../protocol/server-events.js';
import { type WordTiming, wordAt } from './word-timing.js';

interface Sentence {
  text: string;
  words: WordTiming[] | undefined;
  /** Audio clock time its first frame starts, s. */
  start: number | undefined;
  shown: boolean;
}

interface Turn {
  readonly state: TurnState;
  readonly view: TranscriptTurn;
  readonly stream: PlaybackStream;
  /** The `event_id` of this turn's requests, echoed by errors they cause. */
  readonly requestId: string;
  /** Response number on the connection (from 1), 0 until `response.created`. */
  number: number;
  readonly sentences: Map<number, Sentence>;
  finished: boolean;
  reported: boolean;
}

interface VoiceList {
  voices: Array<{ id: string; name: string; languages: string[] }>;
  default: string;
}

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no #${id}`);
  return found;
}

const ui = {
  status: element('status', HTMLElement),
  reconnect: element('reconnect', HTMLButtonElement),
  form: element('composer', HTMLFormElement),
  message: element('message', HTMLTextAreaElement),
  voice: element('voice', HTMLSelectElement),
  send: element('send', HTMLButtonElement),
  stop: element('stop', HTMLButtonElement),
  error: element('error', HTMLElement),
  transcript: element('transcript', HTMLOListElement),
};

const endpoints = endpointsFor(window.location);
const player = new AudioPlayer();
const state: DemoState = {
  state: 'connecting',
  voices: [],
  scheduledBuffers: 0,
  scheduledMs: 0,
  sentences: [],
  lastDone: null,
  cancelSent: 0,
  activeSources: 0,
  errors: [],
  turns: [],
};
Object.assign(window, { saywireDemo: state });

let socket: WebSocket | undefined;
let responses = 0;
let requests = 0;
/** Turns sent and not yet answered by `response.created`, oldest first. */
let unbound: Turn[] = [];
const byId = new Map<string, Turn>();
/** The latest turn: the one that may be sounding. */
let current: Turn | undefined;
/** The voice the server's session has, to fall back to when a change is refused. */
let sessionVoice = '';
let ticking = false;

function send(event: Record<string, unknown>): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(event));
}

function showStatus(kind: DemoState['state'], text: string): void {
  state.state = kind;
  ui.status.dataset.state = kind;
  ui.status.textContent = text;
  ui.reconnect.hidden = kind !== 'closed';
  ui.send.disabled = kind !== 'open';
}

function showError(code: string, message: string): void {
  state.errors.push({ code, message });
  ui.error.textContent = `${code}: ${message}`;
  ui.error.hidden = false;
}

function updateStop(): void {
  const turn = current;
  ui.stop.disabled = turn === undefined || (turn.finished && !turn.stream.playing);
  state.activeSources = turn?.stream.activeSources ?? 0;
}

/** Reports what was heard, once the response is finished and its playback ended or was stopped; safe to call often. */
function report(turn: Turn): void {
  if (turn.reported || !turn.finished || turn.state.id === null || turn.state.done === null) return;
  if (!turn.stream.stopped && turn.stream.playing) return;
  turn.reported = true;
  if (turn.stream.buffers === 0) return;
  const played = turn.state.playedMs ?? turn.stream.playedMs();
  turn.state.playedMs = played;
  send({ type: 'response.played', response_id: turn.state.id, played_ms: played });
  turn.view.setMeta(formatTimings(turn.state.done, played));
}

/** Barge-in: the server stops the response, the page stops its audio at once. */
function interrupt(): void {
  const turn = current;
  if (turn === undefined) return;
  if (!turn.finished && !turn.state.cancelSent) {
    turn.state.cancelSent = true;
    state.cancelSent++;
    send({ type: 'response.cancel', event_id: `cancel-${turn.requestId}` });
  }
  if (!turn.stream.stopped) {
    turn.state.playedMs = turn.stream.stop();
    turn.view.highlight(-1, -1);
  }
  report(turn);
  updateStop();
}

function tick(): void {
  const turn = current;
  ticking = false;
  if (turn === undefined || turn.stream.stopped) return;
  const now = player.now;
  let sounding = -1;
  for (const [index, sentence] of turn.sentences) {
    if (sentence.start === undefined || now < sentence.start) continue;
    if (!sentence.shown) {
      sentence.shown = true;
      turn.view.reveal(index);
      turn.state.sentences.push(sentence.text);
      state.sentences.push(sentence.text);
    }
    sounding = index;
  }
  const sentence = turn.sentences.get(sounding);
  const word = sentence?.words === undefined || sentence.start === undefined ? -1 : wordAt(sentence.words, (now - sentence.start) * 1000);
  turn.view.highlight(sounding, word);
  state.activeSources = turn.stream.activeSources;
  if (turn.stream.playing) {
    ticking = true;
    requestAnimationFrame(tick);
  } else {
    turn.view.highlight(-1, -1);
  }
}

function startTicking(): void {
  if (ticking) return;
  ticking = true;
  requestAnimationFrame(tick);
}

function onAudio(data: ArrayBuffer): void {
  const frame = parsePcmFrame(data);
  const turn = current;
  if (turn === undefined || turn.number !== frame.responseNumber) return;
  if (turn.stream.stopped) {
    turn.state.framesIgnored++;
    return;
  }
  const start = turn.stream.schedule(frame.samples, frame.sampleRate);
  if (start === undefined) return;
  const ms = (frame.samples.length / frame.sampleRate) * 1000;
  turn.state.scheduledBuffers++;
  turn.state.scheduledMs += ms;
  state.scheduledBuffers++;
  state.scheduledMs += ms;
  const sentence = turn.sentences.get(frame.sentenceIndex);
  if (sentence !== undefined && sentence.start === undefined) sentence.start = start;
  updateStop();
  startTicking();
}

function onEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'session.created':
      showStatus('open', 'Connected');
      sessionVoice = event.session.voice;
      // A voice picked before a reconnect carries over to the new session.
      if (state.voices.includes(ui.voice.value) && ui.voice.value !== sessionVoice) sendVoice();
      return;
    case 'session.updated':
      sessionVoice = event.session.voice;
      return;
    case 'response.created': {
      const turn = unbound.shift();
      responses++;
      if (turn === undefined) return;
      turn.number = responses;
      turn.state.id = event.response.id;
      turn.state.status = 'running';
      turn.view.setMeta('speaking…');
      byId.set(event.response.id, turn);
      return;
    }
    case 'response.sentence': {
      const turn = byId.get(event.response_id);
      if (turn === undefined) return;
      turn.sentences.set(event.index, { text: event.text, words: undefined, start: undefined, shown: false });
      turn.view.addSentence(event.index, event.text);
      return;
    }
    case 'response.audio.done': {
      const turn = byId.get(event.response_id);
      const sentence = turn?.sentences.get(event.sentence_index);
      if (turn === undefined || sentence === undefined) return;
      sentence.words = event.words;
      turn.view.setWords(event.sentence_index, sentence.text, event.words);
      return;
    }
    case 'response.done': {
      const done: ResponseSummary = event.response;
      const turn = byId.get(done.id);
      if (turn === undefined) return;
      state.lastDone = done;
      turn.state.done = done;
      turn.state.status = done.status;
      turn.finished = true;
      turn.view.setMeta(formatTimings(done, turn.state.playedMs));
      report(turn);
      updateStop();
      return;
    }
    case 'error': {
      const error = event.error;
      // Our cancel crossed the response's end on the wire: nothing went wrong.
      if (error.code === 'NO_ACTIVE_RESPONSE' && error.event_id?.startsWith('cancel-') === true) return;
      showError(error.code, error.message);
      if (error.event_id === 'voice') ui.voice.value = sessionVoice;
      const failed = unbound.find((turn) => turn.requestId === error.event_id);
      if (failed !== undefined) {
        unbound = unbound.filter((turn) => turn !== failed);
        failed.state.status = 'failed';
        failed.finished = true;
        failed.view.setMeta(`failed: ${error.code}`);
        updateStop();
      }
      return;
    }
  }
}

function connect(): void {
  showStatus('connecting', 'Connecting…');
  responses = 0;
  unbound = [];
  byId.clear();
  const ws = new WebSocket(endpoints.socket);
  ws.binaryType = 'arraybuffer';
  socket = ws;
  ws.onmessage = (message: MessageEvent<ArrayBuffer | string>) => {
    try {
      if (typeof message.data === 'string') onEvent(JSON.parse(message.data) as ServerEvent);
      else onAudio(message.data);
    } catch (err) {
      showError('CLIENT_ERROR', `The page could not handle a message: ${(err as Error).message}`);
    }
  };
  ws.onclose = (close) => {
    if (socket !== ws) return;
    const reason = close.reason === '' ? '' : `: ${close.reason}`;
    showStatus('closed', `Disconnected (code ${close.code}${reason})`);
    for (const turn of [...unbound, ...byId.values()]) {
      if (turn.finished) continue;
      turn.finished = true;
      turn.state.status = 'failed';
      turn.view.setMeta('connection closed');
    }
    if (current !== undefined && !current.stream.stopped) current.state.playedMs = current.stream.stop();
    updateStop();
  };
}

function sendVoice(): void {
  send({ type: 'session.update', event_id: 'voice', session: { voice: ui.voice.value } });
}

async function loadVoices(): Promise<void> {
  let list: VoiceList;
  try {
    const response = await fetch(endpoints.voices);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    list = (await response.json()) as VoiceList;
  } catch (err) {
    showError('VOICES_UNAVAILABLE', `Could not load the voice list (${(err as Error).message}).`);
    return;
  }
  const options = [...list.voices]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((voice) => new Option(`${voice.name} · ${voice.languages.join(', ')}`, voice.id, false, voice.id === list.default));
  ui.voice.replaceChildren(...options);
  ui.voice.disabled = false;
  state.voices = list.voices.map((voice) => voice.id);
}

function submit(): void {
  const text = ui.message.value.trim();
  if (text === '' || state.state !== 'open') return;
  player.unlock();
  interrupt();
  ui.error.hidden = true;
  const mode = new FormData(ui.form).get('mode') === 'speak' ? 'speak' : 'agent';
  const requestId = `turn-${++requests}`;
  const turnState: TurnState = {
    id: null,
    mode,
    userText: text,
    status: 'pending',
    scheduledBuffers: 0,
    scheduledMs: 0,
    framesIgnored: 0,
    sentences: [],
    cancelSent: false,
    playedMs: null,
    done: null,
  };
  const turn: Turn = {
    state: turnState,
    view: new TranscriptTurn(ui.transcript, text, mode === 'agent' ? 'Agent' : 'Spoken'),
    stream: player.stream(),
    requestId,
    number: 0,
    sentences: new Map(),
    finished: false,
    reported: false,
  };
  turn.stream.onEnded = () => {
    report(turn);
    updateStop();
  };
  state.turns.push(turnState);
  unbound.push(turn);
  current = turn;
  if (mode === 'agent') {
    send({ type: 'response.create', event_id: requestId, input: text });
  } else {
    for (const delta of splitIntoDeltas(text)) send({ type: 'text.append', event_id: requestId, delta });
    send({ type: 'text.done', event_id: requestId });
  }
  ui.message.value = '';
  updateStop();
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
ui.stop.addEventListener('click', interrupt);
ui.reconnect.addEventListener('click', connect);
ui.voice.addEventListener('change', sendVoice);

void loadVoices();
connect();
