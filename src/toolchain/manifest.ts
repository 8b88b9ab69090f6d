// etbuild.json: what a build folder holds, so that run, flash and bench need no model or board
// argument. Paths in it are relative to the build folder, so the folder can be moved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EtbError } from '../core/errors.js';
import type { Board, ConsoleKind } from '../boards/types.js';
import type { MemoryReport } from './memory.js';
import type { FirmwareMode } from './platform.js';

export const MANIFEST_FILE = 'etbuild.json';
export const MANIFEST_ERROR_CODES = { notABuild: 'ETB1110' } as const;

export interface BuildArtefacts {
  /** Cross builds: the firmware image in its three forms, and the linker map. */
  readonly elf?: string;
  readonly bin?: string;
  readonly hex?: string;
  readonly map?: string;
  /** Host builds: the native runner program. */
  readonly executable?: string;
  /** The compiler and linker command lines and their output. */
  readonly log: string;
}

export interface BuildManifest {
  /** The etbuild version that made the build. */
  readonly etbuild: string;
  readonly board: Board;
  readonly model: { readonly file: string; readonly sha256: string };
  readonly mode: FirmwareMode;
  readonly artefacts: BuildArtefacts;
  /** null for host builds. */
  readonly memory: MemoryReport | null;
  readonly runner: {
    /** The line protocol the firmware speaks (src/device/protocol.ts). */
    readonly protocol: 'etb-v1';
    readonly console: ConsoleKind;
    readonly baud: number | null;
    readonly qemuMachine: string | null;
    /** Names of the board's flash runners, in order of preference. */
    readonly flashRunners: readonly string[];
  };
}

export function readManifest(buildDir: string): BuildManifest {
  const file = join(buildDir, MANIFEST_FILE);
  let manifest: Partial<BuildManifest>;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Partial<BuildManifest>;
  } catch (cause) {
    throw new EtbError(MANIFEST_ERROR_CODES.notABuild, `${buildDir} is not an etbuild build folder (cannot read ${MANIFEST_FILE})`, {
      cause,
      hints: ['build first: etbuild MODEL.pte --board BOARD -o DIR, then pass -d DIR'],
    });
  }
  if (typeof manifest.etbuild !== 'string' || manifest.board === undefined || manifest.artefacts === undefined) {
    throw new EtbError(MANIFEST_ERROR_CODES.notABuild, `${file} is not an etbuild manifest`, {
      hints: ['rebuild the folder with etbuild'],
    });
  }
  return manifest as BuildManifest;
}
