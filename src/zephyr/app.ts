// The Zephyr backend's output: a complete Zephyr application around a generated model, for teams
// whose firmware already lives on Zephyr. The model and the runtime-c files it needs become one
// Zephyr library; the runner is etbuild's own (runtime-c/platform/runner_main.c, the same line
// protocol the gcc firmware speaks, so `etbuild run` and `bench` work unchanged), with Zephyr's
// console and cycle counter in place of etbuild's startup, UART and timer.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { EtbError } from '../core/errors.js';
import { RUNTIME_C_DIR } from '../core/paths.js';
import type { Board } from '../boards/types.js';
import { renderTemplate, type GeneratedFile, type GeneratedProject } from '../codegen/generate.js';
import { cIdentifier } from '../codegen/view-model.js';

export const ZEPHYR_ERROR_CODES = {
  noZephyrBoard: 'ETB1120',
  westFailed: 'ETB3201',
  noZephyrElf: 'ETB3202',
} as const;

/** A board's Zephyr facts. `overlay` (devicetree lines) is written as boards/<board>.overlay. */
export interface ZephyrBoardTarget {
  readonly board: string;
  readonly overlay?: readonly string[];
}

export interface ZephyrAppRequest {
  readonly project: GeneratedProject;
  readonly board: Board;
  readonly model: { readonly name: string; readonly sha256: string };
  readonly etbuildVersion: string;
  /** bench builds time every run and every operator (ETB_BENCH, ETB_PROFILE). */
  readonly mode?: 'run' | 'bench';
}

export interface ZephyrApp {
  readonly zephyrBoard: string;
  /** Paths relative to the application folder. */
  readonly files: readonly GeneratedFile[];
  /** Sources of the model library, relative to the application folder. */
  readonly librarySources: readonly string[];
  readonly appSources: readonly string[];
}

interface KconfigSetting {
  readonly why: string;
  readonly symbols: readonly { readonly name: string; readonly value: string }[];
}

/** The Zephyr board a build targets; refuses boards without one (or that rule Zephyr out). */
export function zephyrTarget(board: Board): ZephyrBoardTarget {
  const target: ZephyrBoardTarget | undefined = board.zephyr;
  if (target === undefined || !board.backends.includes('zephyr')) {
    throw new EtbError(ZEPHYR_ERROR_CODES.noZephyrBoard, `board ${board.id} has no Zephyr board name, so the Zephyr backend cannot build for it`, {
      hints: [
        'add "zephyr": { "board": "<name west build -b takes>" } to the board file (and "zephyr" to its "backends")',
        'or build with the gcc backend: --backend gcc',
      ],
    });
  }
  return target;
}

/** Kconfig settings, each with the reason it is there (written as a comment in prj.conf). */
function kconfig(board: Board): KconfigSetting[] {
  const y = (name: string): { name: string; value: string } => ({ name, value: 'y' });
  const settings: KconfigSetting[] = [
    { why: 'The board\'s Zephyr console UART carries etbuild\'s line protocol.', symbols: [y('CONFIG_SERIAL'), y('CONFIG_CONSOLE'), y('CONFIG_UART_CONSOLE')] },
    {
      why: 'console_getchar()/console_putchar(): byte input and output for the protocol, buffered by interrupts.',
      symbols: [y('CONFIG_CONSOLE_SUBSYS'), y('CONFIG_CONSOLE_GETCHAR'), { name: 'CONFIG_CONSOLE_GETCHAR_BUFSIZE', value: '256' }, { name: 'CONFIG_CONSOLE_PUTCHAR_BUFSIZE', value: '256' }],
    },
    { why: 'No heap: the model\'s memory is planned statically, nothing allocates.', symbols: [{ name: 'CONFIG_HEAP_MEM_POOL_SIZE', value: '0' }] },
    { why: 'The kernels use math.h (expf, sqrtf, ...), which the minimal libc lacks.', symbols: [y('CONFIG_REQUIRES_FULL_LIBC')] },
    { why: `The model runs on the main thread: the stack etbuild gives it on this board (${board.stackSize} bytes).`, symbols: [{ name: 'CONFIG_MAIN_STACK_SIZE', value: String(board.stackSize) }] },
  ];
  if (board.cpu.fpu !== 'none') {
    settings.push({ why: `Hardware floating point (${board.cpu.fpu}), as the gcc backend uses it.`, symbols: [y('CONFIG_FPU')] });
  }
  settings.push({ why: 'Firmware images beside the ELF: zephyr.bin and zephyr.hex, for flashing tools.', symbols: [y('CONFIG_BUILD_OUTPUT_BIN'), y('CONFIG_BUILD_OUTPUT_HEX')] });
  return settings;
}

/** A file name for a board's overlay: qualifiers ("nrf52840dk/nrf52840") joined by "_", as Zephyr looks it up. */
export function overlayFileName(zephyrBoard: string): string {
  return `boards/${zephyrBoard.replaceAll('/', '_')}.overlay`;
}

function runtimeCFile(relativePath: string, path: string): GeneratedFile {
  return { path, contents: readFileSync(join(RUNTIME_C_DIR, relativePath), 'utf8') };
}

export function generateZephyrApp(request: ZephyrAppRequest): ZephyrApp {
  const { project, board, model } = request;
  const target = zephyrTarget(board);
  const mode = request.mode ?? 'run';
  const inSrc = (path: string): string => posix.join('src', path);
  const librarySources = project.sources.map(inSrc);
  const appSources = ['src/main.c', 'src/etb_platform_zephyr.c'];
  const view = {
    etbuildVersion: request.etbuildVersion,
    modelName: model.name,
    sha256: model.sha256,
    boardId: board.id,
    boardName: board.name,
    zephyrBoard: target.board,
    projectName: cIdentifier(`etb_${model.name}`),
    librarySources,
    libraryIncludeDirs: project.includeDirs.map(inSrc),
    appSources,
    appIncludeDirs: ['src', 'src/runtime/include'],
    defines: mode === 'bench' ? ['ETB_BENCH', 'ETB_PROFILE'] : [],
    kconfig: kconfig(board),
    mode,
    overlay: target.overlay !== undefined && target.overlay.length > 0 ? overlayFileName(target.board) : null,
  };
  const runner = readFileSync(join(RUNTIME_C_DIR, 'platform', 'runner_main.c'), 'utf8');
  const files: GeneratedFile[] = [
    { path: 'CMakeLists.txt', contents: renderTemplate('zephyr/CMakeLists.txt.hbs', view) },
    { path: 'prj.conf', contents: renderTemplate('zephyr/prj.conf.hbs', view) },
    { path: 'src/main.c', contents: `/* etbuild's runner, copied unchanged from runtime-c/platform/runner_main.c by etbuild ${request.etbuildVersion}. */\n${runner}` },
    { path: 'src/etb_platform_zephyr.c', contents: renderTemplate('zephyr/etb_platform_zephyr.c.hbs', view) },
    { path: 'src/etb_board.h', contents: renderTemplate('zephyr/etb_board.h.hbs', view) },
    runtimeCFile('platform/etb_platform.h', 'src/etb_platform.h'),
    ...project.files.map((file) => ({ path: inSrc(file.path), contents: file.contents })),
  ];
  if (view.overlay !== null && target.overlay !== undefined) {
    files.push({ path: view.overlay, contents: `/* etbuild ${request.etbuildVersion}: devicetree changes board ${board.id} needs on Zephyr board ${target.board}. */\n${target.overlay.join('\n')}\n` });
  }
  return { zephyrBoard: target.board, files, librarySources, appSources };
}
