// The most recent build folder under build/: what flash, run and bench use without -d.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EtbError } from '../../core/errors.js';
import { MANIFEST_FILE } from '../../toolchain/manifest.js';

export function lastBuildDir(root = 'build'): string {
  const builds = existsSync(root)
    ? readdirSync(root)
        .map((name) => join(root, name, MANIFEST_FILE))
        .filter((file) => existsSync(file))
        .map((file) => ({ dir: join(file, '..'), mtime: statSync(file).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime)
    : [];
  const newest = builds[0];
  if (!newest) {
    throw new EtbError('ETB1208', `there is no build under ${root}/`, {
      hints: ['build first (etbuild MODEL.pte --board BOARD), or pass the build folder with -d DIR'],
    });
  }
  return newest.dir;
}
