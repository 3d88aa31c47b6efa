// Preloaded into the bench's bot processes (`node --import ./bench/scale/memory-probe.mjs`): on SIGUSR2 writes where
// the process's memory is — V8's heap, memory outside it, and /proc's split of the resident set — to
// BENCH_MEMORY_FILE. Only the bench loads it; the app has no such hook. With --expose-gc it collects garbage first.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';

process.on('SIGUSR2', () => {
  // With --expose-gc (diagnosis: `bench -- webquiz --gc`), after a full collection: what is still live.
  if (typeof globalThis.gc === 'function') globalThis.gc();
  const status = readFileSync('/proc/self/status', 'utf8');
  // smaps_rollup's LazyFree: pages the process gave back with MADV_FREE (V8 does so), still counted in RSS until the
  // kernel needs them.
  const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  const kb = (key, text = status) => Number(new RegExp(`${key}:\\s+(\\d+)`, 'u').exec(text)?.[1] ?? 0);
  const mb = (bytes) => Math.round(bytes / 1048576);
  const usage = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.space_size)]));
  const file = process.env.BENCH_MEMORY_FILE;
  // Written aside and renamed: the bench reads it as soon as it exists.
  writeFileSync(
    `${file}.part`,
    JSON.stringify({
      rss: mb(usage.rss),
      peak: Math.round(kb('VmHWM') / 1024),
      rssAnon: Math.round(kb('RssAnon') / 1024),
      rssFile: Math.round(kb('RssFile') / 1024),
      lazyFree: Math.round(kb('LazyFree', rollup) / 1024),
      threads: kb('Threads'),
      heapTotal: mb(usage.heapTotal),
      heapUsed: mb(usage.heapUsed),
      external: mb(usage.external),
      arrayBuffers: mb(usage.arrayBuffers),
      spaces,
    }),
  );
  renameSync(`${file}.part`, file);
});
