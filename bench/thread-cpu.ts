/**
 * CPU time of one thread, read from Linux's `/proc`: what a benchmark needs to tell the server's
 * main thread from its pool threads, or one load generator from another in the same process.
 */
import { readFileSync } from 'node:fs';

/** `/proc` counts CPU time in USER_HZ ticks, 100 a second on Linux whatever the kernel's own tick. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * User + system CPU seconds of the task whose `stat` file is at `path` (`/proc/<pid>/task/<tid>/stat`,
 * or `/proc/thread-self/stat` for the calling thread); null where there is no such file (not Linux).
 */
export function threadCpuSeconds(path: string): number | null {
  let stat: string;
  try {
    stat = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  // Fields after the parenthesised command name: state is the 3rd field, utime the 14th and stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
