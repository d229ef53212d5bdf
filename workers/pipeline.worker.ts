/**
 * The pipeline worker: a pure leaf. The eSpeak-NG engine is loaded and the regexes compiled once
 * at module scope, so every thread is warm before its first task; each handler is a function of
 * its task and leaves nothing running when it returns. Piscina calls the named exports
 * (`run(task, { name })`). Expected failures come back as values; a throw is a bug.
 */
import { threadId } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ChunkReply, ChunkTask, SpeakReply, SpeakTask, SpokenWord, WarmReply } from '../src/pool/contract.js';
import { createEspeakEngine } from '../src/speech/espeak-engine.js';
import { normalizeForSpeech, toSourceRange } from '../src/speech/normalize.js';
import { resamplePcm16 } from '../src/speech/resample.js';
import { scanSentenceEnds } from '../src/text/sentence-boundaries.js';

const engine = await createEspeakEngine();
const voiceIds = new Set(engine.voices().map((v) => v.id));

/** Answers once the module, and with it the engine, is loaded. */
export function warm(): WarmReply {
  return { ok: true, threadId, voices: engine.voices(), sampleRate: engine.sampleRate };
}

/** Scans a window of a turn's carry buffer for settled sentence ends. */
export function chunk(task: ChunkTask): ChunkReply {
  const result = scanSentenceEnds(task.text, task.state, task.options, task.final);
  return { ok: true, ends: result.ends, pending: result.pending };
}

/**
 * Normalizes a sentence for speech, synthesizes it, and moves the PCM back without a copy. The
 * voice's language picks the normalization rules ("de" reads numbers in German). A sentence with
 * nothing to say once normalized (emoji or markup only) comes back with no audio and no words.
 */
export async function speak(task: SpeakTask): Promise<SpeakReply> {
  if (!voiceIds.has(task.voice)) {
    return { ok: false, code: 'INVALID_EVENT', message: `Unknown voice "${task.voice}".` };
  }
  const prepared = normalizeForSpeech(task.text, { language: task.voice });
  const synthesized = engine.synthesize(prepared.text, { voice: task.voice, rate: task.rate, pitch: task.pitch });
  const outRate = task.sampleRate ?? synthesized.sampleRate;
  const pcm = outRate === synthesized.sampleRate ? synthesized.pcm : resamplePcm16(synthesized.pcm, synthesized.sampleRate, outRate);
  const words: SpokenWord[] = synthesized.words.map((w) => {
    const source = toSourceRange(prepared.map, w.start, w.end);
    return { start: source.start, end: source.end, startMs: w.startMs, endMs: w.endMs };
  });
  const reply: SpeakReply = { ok: true, pcm, sampleRate: outRate, speechText: prepared.text, words };
  // Transfer the PCM's buffer instead of copying it: the object is the value, the buffer moves.
  return Piscina.move({
    [Piscina.transferableSymbol]: [pcm.buffer],
    [Piscina.valueSymbol]: reply,
  } as never) as unknown as SpeakReply;
}
