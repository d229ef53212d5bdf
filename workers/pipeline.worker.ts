/**
 * The pipeline worker: a thin Piscina entry around the pipeline handlers. The speech engine
 * named in `workerData` is loaded (and warmed) and the regexes compiled once at module scope, so
 * every thread is warm before its first task. Piscina calls the named exports
 * (`run(task, { name })`); speech PCM goes back by transfer, never copied.
 */
import { Piscina } from 'piscina';
import { type Moved, type PipelineWorkerData, type SpeakReply, type SpeakTask, moveReply } from '../src/pool/contract.js';
import { loadPipelineHandlers } from './pipeline-handlers.js';

// An unknown name throws here, so the thread fails to start and says which engines there are.
const handlers = await loadPipelineHandlers((Piscina.workerData as PipelineWorkerData | undefined)?.engine);

export const { warm, chunk } = handlers;

/** Speaks a sentence and moves its PCM back without a copy. */
export async function speak(task: SpeakTask): Promise<SpeakReply | Moved<SpeakReply>> {
  const reply = await handlers.speak(task);
  return reply.ok ? moveReply(reply, [reply.pcm.buffer]) : reply;
}
