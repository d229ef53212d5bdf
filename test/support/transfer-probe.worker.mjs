// The real pipeline worker, keeping the last PCM it returned so a later task can tell whether
// its buffer was transferred away (detached: byteLength 0) or copied. `warm` reports it, so the
// test needs no task name the pool does not have.
import { Piscina } from 'piscina';
import { speak as realSpeak, warm as realWarm } from '../../dist/workers/pipeline.worker.js';

export * from '../../dist/workers/pipeline.worker.js';

let lastPcm;

export async function speak(task) {
  const moved = await realSpeak(task);
  lastPcm = moved[Piscina.valueSymbol].pcm;
  return moved;
}

export function warm() {
  const probe = lastPcm === undefined ? undefined : { byteLength: lastPcm.buffer.byteLength, length: lastPcm.length };
  return { ...realWarm(), probe };
}
