/**
 * The pipeline worker: a thin Piscina entry around the pipeline handlers. The speech engine
 * named in `workerData` is loaded (and warmed) and the regexes compiled once at module scope, so
 * every thread is warm before its first task. Piscina calls the named exports
 * (`run(task, { name })`); PCM and encoded bytes go back by transfer, never copied.
 */
import { Piscina } from 'piscina';
import {
  type EncodeReply,
  type EncodeTask,
  type Moved,
  type PipelineWorkerData,
  type ResampleReply,
  type ResampleTask,
  type SpeakReply,
  type SpeakTask,
  moveReply,
} from '../src/pool/contract.js';
import { loadPipelineHandlers } from './pipeline-handlers.js';

// An unknown engine name throws here, so the thread fails to start and says which engines there are.
const handlers = await loadPipelineHandlers(Piscina.workerData as PipelineWorkerData | undefined);

export const { warm, chunk, prepare } = handlers;

/** Speaks a sentence and moves its PCM back without a copy. */
export async function speak(task: SpeakTask): Promise<SpeakReply | Moved<SpeakReply>> {
  const reply = await handlers.speak(task);
  return reply.ok ? moveReply(reply, [reply.pcm.buffer]) : reply;
}

/** Encodes a sentence's segment and moves the bytes back. */
export async function encode(task: EncodeTask): Promise<Moved<EncodeReply>> {
  const reply = await handlers.encode(task);
  return moveReply(reply, [reply.bytes.buffer]);
}

/** Resamples a block; the input arrived by transfer, the output leaves by transfer. */
export function resample(task: ResampleTask): Moved<ResampleReply> {
  const reply = handlers.resample(task);
  return moveReply(reply, [reply.pcm.buffer]);
}
