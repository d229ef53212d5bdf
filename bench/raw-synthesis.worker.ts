/**
 * The raw engine in a bare `worker_threads` thread, for the synthesis bench: the same eSpeak
 * engine the pool's workers load, with no pool, no task messages and no normalization. The
 * thread loads and warms its engine, says `ready`, and on `go` synthesizes the sentences round
 * robin for `durationMs`, then reports how many and how much audio, and how long each sentence
 * took. Two of them at once are the most two threads of this engine do on the machine: the pool
 * is measured against that.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEspeakEngine } from '../src/speech/espeak-engine.js';

/** What the bench starts the thread with. */
export interface RawSynthesisData {
  sentences: string[];
  options: { voice: string; rate: number; pitch: number };
}

/** What the thread reports after a timed window. */
export interface RawSynthesisReport {
  sentences: number;
  audioSamples: number;
  wallMs: number;
  /** ms each synthesis took, in order: the i-th spoke `sentences[i % sentences.length]`. */
  sentenceMs: number[];
}

const { sentences, options } = workerData as RawSynthesisData;
const engine = await createEspeakEngine();
// The same warm-up the pool gets: every sentence once before timing.
for (const text of sentences) engine.synthesize(text, options);
const port = parentPort;
if (port === null) throw new Error('raw-synthesis.worker must run as a worker thread');
port.on('message', (durationMs: number) => {
  let count = 0;
  let audioSamples = 0;
  const sentenceMs: number[] = [];
  const started = performance.now();
  let now = started;
  while (now - started < durationMs) {
    audioSamples += engine.synthesize(sentences[count % sentences.length] as string, options).pcm.length;
    count++;
    const before = now;
    now = performance.now();
    sentenceMs.push(now - before);
  }
  const report: RawSynthesisReport = { sentences: count, audioSamples, wallMs: now - started, sentenceMs };
  port.postMessage(report);
});
port.postMessage('ready');
