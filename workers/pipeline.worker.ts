/**
 * The pipeline worker: a thin Piscina entry around the pipeline handlers. The speech engine
 * named in `workerData` is loaded (and warmed) and the regexes compiled once at module scope, so
 * every thread is warm before its first task. Piscina calls the named exports
 * (`run(task, { name })`); PCM and encoded bytes go back in shared memory, never transferred
 * (a transfer would slow the engine: see `shareView`).
 */
import { Piscina } from 'piscina';
import {
  type EncodeReply,
  type EncodeTask,
  type PipelineWorkerData,
  type ResampleReply,
  type ResampleTask,
  type SpeakReply,
  type SpeakTask,
  shareView,
} from '../src/pool/contract.js';
import { loadPipelineHandlers } from './pipeline-handlers.js';

// An unknown engine name throws here, so the thread fails to start and says which engines there are.
const handlers = await loadPipelineHandlers(Piscina.workerData as PipelineWorkerData | undefined);

export const { warm, chunk, prepare } = handlers;

/** Speaks a sentence; its PCM goes back in shared memory. */
export async function speak(task: SpeakTask): Promise<SpeakReply> {
  const reply = await handlers.speak(task);
  return reply.ok ? { ...reply, pcm: shareView(reply.pcm) } : reply;
}

/** Encodes a sentence's segment; the bytes go back in shared memory. */
export async function encode(task: EncodeTask): Promise<EncodeReply> {
  const reply = await handlers.encode(task);
  return { ...reply, bytes: shareView(reply.bytes) };
}

/** Resamples a block; the input arrived by transfer, the output goes back in shared memory. */
export function resample(task: ResampleTask): ResampleReply {
  const reply = handlers.resample(task);
  return { ...reply, pcm: shareView(reply.pcm) };
}
