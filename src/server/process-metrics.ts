/**
 * Process metrics under prom-client's default names. prom-client's `collectDefaultMetrics` would
 * give these, but it always starts an event-loop monitor of its own (a timer per monitor, and no
 * option turns it off), and the server already runs one; so the figures operators and the
 * benchmarks read are registered here instead, read at scrape time.
 */
import { type Registry, Counter, Gauge } from 'prom-client';

/** Registers `process_cpu_*`, `process_resident_memory_bytes`, `process_start_time_seconds` and `nodejs_heap_*`. */
export function registerProcessMetrics(registry: Registry): void {
  const registers = [registry];
  const cpu = (name: string, help: string, read: (u: NodeJS.CpuUsage) => number): void => {
    // process.cpuUsage() counts from the start of the process, and so does the counter.
    let last = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const now = read(process.cpuUsage());
        this.inc((now - last) / 1e6);
        last = now;
      },
    });
  };
  cpu('process_cpu_user_seconds_total', 'User CPU time spent in seconds.', (u) => u.user);
  cpu('process_cpu_system_seconds_total', 'System CPU time spent in seconds.', (u) => u.system);
  cpu('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds (every thread of the process).', (u) => u.user + u.system);
  new Gauge({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory size in bytes (the whole process: every thread, heap and native memory).',
    registers,
    collect() {
      this.set(process.memoryUsage.rss());
    },
  });
  const startSeconds = Math.round(Date.now() / 1000 - process.uptime());
  new Gauge({ name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', registers }).set(startSeconds);
  const heap = (name: string, help: string, read: (m: NodeJS.MemoryUsage) => number): void => {
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read(process.memoryUsage()));
      },
    });
  };
  heap('nodejs_heap_size_total_bytes', 'Main-thread V8 heap size in bytes.', (m) => m.heapTotal);
  heap('nodejs_heap_size_used_bytes', 'Main-thread V8 heap used in bytes.', (m) => m.heapUsed);
  heap('nodejs_external_memory_bytes', 'Main-thread memory outside the V8 heap (buffers) in bytes.', (m) => m.external);
}
