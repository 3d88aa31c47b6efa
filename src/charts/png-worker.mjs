// Renders one SVG to PNG with resvg, then exits. Plain JavaScript so that it runs the same under tsx, vitest and
// plain node. Running in a short-lived worker matters: resvg's native pixel buffers are invisible to V8, so in the
// main thread they pile up until a garbage collection that may never come; a worker's exit frees them.
import { parentPort, workerData } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';

const { svg, options } = workerData;
const png = new Resvg(svg, options).render().asPng();
// resvg's buffer lives in native memory, which Node 24 refuses to transfer: hand over a copy in V8's memory.
const copy = new Uint8Array(png);
parentPort.postMessage(copy, [copy.buffer]);
