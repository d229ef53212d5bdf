// The real pipeline worker, keeping the last PCM it returned so a later task can tell whether
// that buffer was transferred away (detached: byteLength 0) or is still the worker's to read.
// `warm` reports it, so the test needs no task name the pool does not have.
import { speak as realSpeak, warm as realWarm } from '../../dist/workers/pipeline.worker.js';

export * from '../../dist/workers/pipeline.worker.js';

let lastPcm;

export async function speak(task) {
  const reply = await realSpeak(task);
  lastPcm = reply.pcm;
  return reply;
}

export function warm() {
  const probe =
    lastPcm === undefined
      ? undefined
      : { byteLength: lastPcm.buffer.byteLength, shared: lastPcm.buffer instanceof SharedArrayBuffer, first: lastPcm.slice(0, 64) };
  return { ...realWarm(), probe };
}
