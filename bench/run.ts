import { benchCore } from './core.ts';
import { benchDir } from './util.ts';

/** `npm run bench`: prints every benchmark's numbers (copied into the README). */
const dir = benchDir();
try {
  console.log(`cds-quizbot benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  await benchCore(dir);
} finally {
  dir.remove();
}
