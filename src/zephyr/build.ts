// Building a generated Zephyr application. With `west` on PATH and ZEPHYR_BASE set, `west build`
// runs and its ELF is measured as the gcc backend measures its own; without them the
// application is left as generated and the result says, in one line, what to run.
import { existsSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { EtbError } from '../core/errors.js';
import type { Board } from '../boards/types.js';
import { findTool, runTool, tail } from '../toolchain/exec.js';
import { readMemoryReport, type MemoryReport } from '../toolchain/memory.js';
import { ZEPHYR_ERROR_CODES } from './app.js';

export interface ZephyrBuildOptions {
  /** The etbuild board, to split the ELF's use by its memory regions as the gcc backend does. */
  readonly board?: Board;
  /** West's build folder; default `<appDir>/build`. */
  readonly buildDir?: string;
}

/** Berkeley sizes of the ELF (`arm-none-eabi-size`): text is code and constants, data is initialised RAM. */
export interface ElfSizes {
  readonly text: number;
  readonly data: number;
  readonly bss: number;
}

export type ZephyrBuildResult =
  | {
      readonly status: 'not-run';
      /** Why west was not run. */
      readonly reason: string;
      /** The command that builds the application. */
      readonly command: string;
      /** One line for the terminal: the reason and the command. */
      readonly message: string;
    }
  | {
      readonly status: 'built';
      readonly command: string;
      readonly buildDir: string;
      /** Relative to buildDir; bin and hex only when the build made them. */
      readonly artefacts: { readonly elf: string; readonly bin?: string; readonly hex?: string; readonly map?: string; readonly log: string };
      readonly sizes: ElfSizes;
      /** Per region, when a board was given. */
      readonly memory: MemoryReport | null;
    };

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/u.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** A path as the user would type it: relative to the current folder when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** `west build` arguments; `-d` keeps west's build folder inside the application, not in ./build. */
export function westBuildArgs(appDir: string, zephyrBoard: string, buildDir: string): string[] {
  return ['build', '-p', 'auto', '-b', zephyrBoard, '-d', buildDir, appDir];
}

export function parseBerkeleySize(text: string): ElfSizes {
  const row = text.split('\n').map((line) => line.trim().split(/\s+/u)).find((cells) => /^\d+$/u.test(cells[0] ?? ''));
  if (row === undefined) throw new EtbError('ETB9201', `arm-none-eabi-size printed no sizes:\n${text}`);
  return { text: Number(row[0]), data: Number(row[1]), bss: Number(row[2]) };
}

export async function buildZephyr(appDir: string, zephyrBoard: string, options: ZephyrBuildOptions = {}): Promise<ZephyrBuildResult> {
  const app = resolve(appDir);
  const buildDir = resolve(options.buildDir ?? join(app, 'build'));
  const args = westBuildArgs(displayPath(app), zephyrBoard, displayPath(buildDir));
  const command = ['west', ...args].map(shellQuote).join(' ');
  const west = findTool('west');
  const zephyrBase = process.env.ZEPHYR_BASE ?? '';
  if (west === null || zephyrBase === '') {
    const reason = west === null ? 'west is not on PATH' : 'ZEPHYR_BASE is not set';
    return { status: 'not-run', reason, command, message: `${reason}: the Zephyr application is generated; build it with \`${command}\`` };
  }

  const result = await runTool('west', westBuildArgs(app, zephyrBoard, buildDir), { allowFailure: true });
  const log = 'west-build.log';
  if (existsSync(buildDir)) writeFileSync(join(buildDir, log), `$ ${result.command}\n${result.output}`);
  if (result.exitCode !== 0) {
    throw new EtbError(ZEPHYR_ERROR_CODES.westFailed, `west build for Zephyr board ${zephyrBoard} failed (exit ${result.exitCode}):\n${tail(result.output)}`, {
      hints: [
        `the whole output is in ${join(buildDir, log)}`,
        'check the Zephyr setup first: a Zephyr sample must build with the same west and ZEPHYR_BASE',
      ],
    });
  }
  const elf = join('zephyr', 'zephyr.elf');
  if (!existsSync(join(buildDir, elf))) {
    throw new EtbError(ZEPHYR_ERROR_CODES.noZephyrElf, `west build succeeded but made no ${join(buildDir, elf)}`, {
      hints: ['CONFIG_KERNEL_BIN_NAME must stay "zephyr" for etbuild to find the firmware'],
    });
  }
  const optional = (path: string): string | undefined => (existsSync(join(buildDir, path)) ? path : undefined);
  const bin = optional(join('zephyr', 'zephyr.bin'));
  const hex = optional(join('zephyr', 'zephyr.hex'));
  const map = optional(join('zephyr', 'zephyr.map'));
  const { stdout } = await runTool('arm-none-eabi-size', [join(buildDir, elf)]);
  return {
    status: 'built',
    command,
    buildDir,
    artefacts: { elf, ...(bin === undefined ? {} : { bin }), ...(hex === undefined ? {} : { hex }), ...(map === undefined ? {} : { map }), log },
    sizes: parseBerkeleySize(stdout),
    memory: options.board === undefined ? null : await readMemoryReport(options.board, join(buildDir, elf)),
  };
}
