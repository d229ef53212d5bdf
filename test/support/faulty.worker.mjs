// The real pipeline worker, with speak() made to fail on cue: a sentence containing EXPLODE
// throws (a bug in a worker), one containing VANISH kills the thread, one containing HOG
// allocates until the thread runs out of heap. Everything else is real.
import { speak as realSpeak } from '../../dist/workers/pipeline.worker.js';

export * from '../../dist/workers/pipeline.worker.js';

export async function speak(task) {
  if (task.text.includes('EXPLODE')) throw new Error('synthesis exploded');
  if (task.text.includes('VANISH')) process.exit(3);
  if (task.text.includes('HOG')) {
    const hoard = [];
    for (;;) hoard.push(new Array(1e6).fill(hoard.length));
  }
  return realSpeak(task);
}
