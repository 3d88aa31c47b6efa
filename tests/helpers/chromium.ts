import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Chromium the browser tests drive, never downloaded at run time:
 * 1. `CHROMIUM_PATH`, when set (it must exist);
 * 2. Debian's `/usr/bin/chromium`, when installed;
 * 3. else the headless Chromium shipped inside the npm package `@sparticuz/chromium` (Linux x64), unpacked once into
 *    `node_modules/.cache/cds-chromium/<version>/` and reused by every later run.
 */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv}: no such file`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return packagedChromium();
}

function packagedChromium(): string {
  const pkgDir = join(process.cwd(), 'node_modules', '@sparticuz', 'chromium');
  if (!existsSync(pkgDir)) throw new Error('No Chromium: set CHROMIUM_PATH, install Debian\'s chromium, or run npm install (@sparticuz/chromium)');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const cache = join(process.cwd(), 'node_modules', '.cache', 'cds-chromium');
  const final = join(cache, version);
  const binary = join(final, 'chromium');
  if (existsSync(binary)) return binary;

  // Unpack into a directory of this process's own, then move it into place in one rename: two test runs starting at
  // once never see a half-written binary (the one that loses the rename uses the winner's copy).
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(cache, `.unpack-${version}-`));
  const script = "const c = (await import('@sparticuz/chromium')).default; process.stdout.write(await c.executablePath());";
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: process.cwd(),
    env: { ...process.env, TMPDIR: staging },
    encoding: 'utf8',
  });
  if (run.status !== 0 || run.stdout !== join(staging, 'chromium')) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`Could not unpack @sparticuz/chromium ${version}: ${run.stderr || run.stdout}`);
  }
  try {
    renameSync(staging, final);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(binary)) throw e;
  }
  return binary;
}

/** The flags every browser test starts Chromium with: headless, as root, no traffic of its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
