import { chromiumPath } from './chromium.ts';

/** vitest globalSetup: find (or unpack, once) the browser before any test file runs, and hand its path to them all. */
export default function setup(): void {
  process.env.CHROMIUM_PATH = chromiumPath();
}
