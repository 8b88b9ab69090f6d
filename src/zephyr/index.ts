// The Zephyr backend: generate a Zephyr application around a generated model, then build it with
// west when west is there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ZephyrApp } from './app.js';

export { generateZephyrApp, overlayFileName, zephyrTarget, ZEPHYR_ERROR_CODES, type ZephyrApp, type ZephyrAppRequest, type ZephyrBoardTarget } from './app.js';
export { buildZephyr, parseBerkeleySize, westBuildArgs, type ElfSizes, type ZephyrBuildOptions, type ZephyrBuildResult } from './build.js';

/** Writes the application's files under dir (use inside writeFolderAtomically). */
export function writeZephyrApp(dir: string, app: ZephyrApp): void {
  for (const file of app.files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
}
