// The real pipeline worker, with speak() made to fail on cue: a sentence containing EXPLODE
// throws (a bug in a worker), one containing VANISH kills the thread. Everything else is real.
import { speak as realSpeak } from '../../dist/workers/pipeline.worker.js';

export * from '../../dist/workers/pipeline.worker.js';

export async function speak(task) {
  if (task.text.includes('EXPLODE')) throw new Error('synthesis exploded');
  if (task.text.includes('VANISH')) process.exit(3);
  return realSpeak(task);
}
