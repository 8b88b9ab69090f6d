// Building firmware with gcc: arm-none-eabi-gcc with the board's generated startup and linker
// script, or the native gcc for the host board. The build happens in a temporary folder next to
// the output folder, which replaces the output folder only once everything succeeded: a failed
// build never leaves a folder that looks complete (and never destroys the previous good one).
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { EtbError } from '../core/errors.js';
import { RUNTIME_C_DIR } from '../core/paths.js';
import { resolveBoard } from '../boards/resolve.js';
import type { Board } from '../boards/types.js';
import { runTool, tail, TOOLCHAIN_ERROR_CODES, type ToolResult } from './exec.js';
import { MANIFEST_FILE, type BuildArtefacts, type BuildManifest } from './manifest.js';
import { checkFit, readMemoryReport, regionOverflowError, type FitRequest, type MemoryReport } from './memory.js';
import { etbuildVersion, linkerScript, platformFor, PLATFORM_DIR, type FirmwareMode } from './platform.js';
import { computeStack, fixedStackSize, sizeStack, type StackReport } from './stack.js';

export const BUILD_ERROR_CODES = { backendNotSupported: 'ETB1107' } as const;

export interface BuildFirmwareOptions {
  /** A resolved board, or a board id / board file path. */
  readonly board: Board | string;
  /** C sources to compile besides the generated folder's: the kernels, runtime-c files. Relative
   * paths are inside the copy of generatedDir. */
  readonly sources: readonly string[];
  /** Extra include folders (runtime-c/include and the generated folder are always there).
   * Relative paths are inside the copy of generatedDir. */
  readonly includeDirs?: readonly string[];
  /** Folder of generated files (etb_model.c, etb_config.h, ...): copied into the build as
   * generated/, its top-level .c files compiled, the folder put on the include path. */
  readonly generatedDir?: string;
  readonly outDir: string;
  readonly mode: FirmwareMode;
  readonly model: { readonly file: string; readonly sha256: string };
  /** Checked against the board before anything is compiled (ETB2201 when it cannot fit). */
  readonly fit?: FitRequest;
  /** Extra -D flags, e.g. "ETB_SOMETHING=1". */
  readonly defines?: readonly string[];
  /** A fixed stack size in bytes (--stack-size), whatever the board says; by default the stack
   * is the firmware's computed worst case (src/toolchain/stack.ts). */
  readonly stackSize?: number;
}

export interface BuildResult {
  /** The build folder (absolute). */
  readonly dir: string;
  readonly manifest: BuildManifest;
  /** Absolute path of the firmware ELF (cross builds) or runner program (host builds). */
  readonly program: string;
}

/** Allocation functions that must never be linked into firmware. */
export const HEAP_SYMBOLS: readonly string[] = ['malloc', 'free', 'calloc', 'realloc', '_sbrk', '_sbrk_r', '_malloc_r', '_free_r', 'sbrk'];

export const COMMON_CFLAGS: readonly string[] = [
  '-std=c11', '-Wall', '-Wextra', '-Werror', '-g',
  '-ffp-contract=off', // the same float results as the reference: no fused multiply-add
  '-fno-math-errno', // lets gcc use sqrt instructions; errno is never read
  '-ffunction-sections', '-fdata-sections',
];

/** -mcpu, -mthumb, -mfloat-abi, -mfpu and the board's own flags. */
export function cpuFlags(board: Board): string[] {
  if (board.toolchain === 'host') return [...board.cpu.cflags];
  const { cpu } = board;
  return [
    `-mcpu=${cpu.core}`, '-mthumb', `-mfloat-abi=${cpu.floatAbi}`,
    ...(cpu.fpu === 'none' ? [] : [`-mfpu=${cpu.fpu}`]),
    ...cpu.cflags,
  ];
}

export async function buildFirmware(options: BuildFirmwareOptions): Promise<BuildResult> {
  const board = typeof options.board === 'string' ? resolveBoard(options.board) : options.board;
  if (!board.backends.includes('gcc')) {
    throw new EtbError(BUILD_ERROR_CODES.backendNotSupported, `board ${board.id} cannot be built with etbuild's gcc backend`, {
      hints: [`its board file allows: ${board.backends.join(', ')}`, board.name],
    });
  }
  const fixedStack = fixedStackSize(board, options.stackSize);
  if (options.fit !== undefined) checkFit(board, { ...options.fit, stackBytes: fixedStack ?? 0 });
  const platform = platformFor(board, options.mode);

  const outDir = resolve(options.outDir);
  const failedDir = `${outDir}.failed`;
  mkdirSync(dirname(outDir), { recursive: true });
  const work = join(dirname(outDir), `.${basename(outDir)}.partial-${process.pid}-${Date.now()}`);
  mkdirSync(join(work, 'platform'), { recursive: true });
  mkdirSync(join(work, 'obj'));
  const log: string[] = [];
  try {
    const generatedSources: string[] = [];
    const includeDirs = [join(RUNTIME_C_DIR, 'include'), PLATFORM_DIR, join(work, 'platform')];
    if (options.generatedDir !== undefined) {
      cpSync(options.generatedDir, join(work, 'generated'), { recursive: true });
      includeDirs.unshift(join(work, 'generated'));
      generatedSources.push(...readdirSync(join(work, 'generated')).filter((f) => f.endsWith('.c')).sort().map((f) => join(work, 'generated', f)));
    }
    // A generated project travels with the build: its relative paths point into the copy.
    const inProject = (path: string): string => resolve(options.generatedDir === undefined ? '.' : join(work, 'generated'), path);
    includeDirs.push(...(options.includeDirs ?? []).map(inProject));
    for (const file of platform.rendered) writeFileSync(join(work, 'platform', file.name), file.text);

    const isHost = board.toolchain === 'host';
    const compiler = isHost ? 'gcc' : 'arm-none-eabi-gcc';
    const sources = [...generatedSources, ...options.sources.map(inProject), ...platform.sources];
    if (!isHost) sources.push(join(work, 'platform', 'startup.c'));
    const compileFlags = [
      ...cpuFlags(board), ...COMMON_CFLAGS, isHost ? '-O2' : '-Os',
      ...(isHost ? [] : ['-fstack-usage']), // obj/*.su: each function's frame, for the stack analysis
      ...platform.defines, ...(options.defines ?? []).map((d) => `-D${d}`),
      ...includeDirs.map((dir) => `-I${dir}`),
    ];
    const objects = await compileAll(board, compiler, compileFlags, sources, work, log);

    let artefacts: BuildArtefacts;
    let memory: MemoryReport | null = null;
    let program: string;
    // -y traces who references each allocation function, to name the culprit if one is linked.
    const traceHeap = ['malloc', 'free', 'calloc', 'realloc'].map((name) => `-Wl,-y,${name}`);
    if (isHost) {
      await link(board, 'gcc', [...cpuFlags(board), '-Wl,--gc-sections', '-Wl,-Map=runner.map', '-o', 'runner', ...objects, '-lm'], work, log);
      artefacts = { executable: 'runner', map: 'runner.map', log: 'build.log' };
      program = 'runner';
    } else {
      const linkWithStack = async (stackSize: number): Promise<void> => {
        writeFileSync(join(work, 'platform', 'linker.ld'), linkerScript(board, stackSize).text);
        await link(board, compiler, [
          ...cpuFlags(board), '-nostartfiles', '--specs=nano.specs', '-T', join(work, 'platform', 'linker.ld'),
          '-Wl,--gc-sections', '-Wl,-Map=firmware.map', '-Wl,--no-warn-rwx-segments', ...traceHeap,
          '-o', 'firmware.elf', ...objects, '-lm',
        ], work, log);
      };
      // The worst-case stack is computed from the linked code, so a computed stack is linked
      // twice: first without a stack, then with the size found (which moves no code).
      await linkWithStack(fixedStack ?? 0);
      const generatedFolder = join(work, 'generated') + sep;
      const stack: StackReport = sizeStack(await computeStack(join(work, 'firmware.elf'), {
        suFiles: objects.map((object) => join(work, object.replace(/\.o$/u, '.su'))),
        dispatchSources: [join(PLATFORM_DIR, 'runner_main.c')],
        methodSources: sources.filter((source) => source.startsWith(generatedFolder)),
        fpu: board.cpu.fpu !== 'none',
      }), board, options.stackSize);
      if (stack.size !== (fixedStack ?? 0)) await linkWithStack(stack.size);
      log.push(...stack.warnings.map((warning) => `warning: ${warning}`));
      const heap = await linkedHeapSymbols(join(work, 'firmware.elf'));
      if (heap.length > 0) throw heapError(board, heap.join(', '), log.join('\n'));
      await runTool('arm-none-eabi-objcopy', ['-O', 'binary', 'firmware.elf', 'firmware.bin'], { cwd: work });
      await runTool('arm-none-eabi-objcopy', ['-O', 'ihex', 'firmware.elf', 'firmware.hex'], { cwd: work });
      memory = { ...await readMemoryReport(board, join(work, 'firmware.elf')), stack };
      artefacts = { elf: 'firmware.elf', bin: 'firmware.bin', hex: 'firmware.hex', map: 'firmware.map', log: 'build.log' };
      program = 'firmware.elf';
    }
    writeFileSync(join(work, 'build.log'), log.join('\n'));
    const manifest: BuildManifest = {
      etbuild: etbuildVersion(),
      board,
      model: { file: options.model.file, sha256: options.model.sha256 },
      mode: options.mode,
      artefacts,
      memory,
      runner: {
        protocol: 'etb-v1',
        console: board.console.kind,
        baud: board.console.baud ?? null,
        qemuMachine: board.qemu?.machine ?? null,
        flashRunners: board.runners.map((runner) => runner.name),
      },
    };
    writeFileSync(join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    replaceFolder(work, outDir);
    rmSync(failedDir, { recursive: true, force: true });
    return { dir: outDir, manifest, program: join(outDir, program) };
  } catch (error) {
    if (error instanceof BuildFailure) {
      // Keep what explains the failure (log, map, sources) under a name that cannot pass for a build.
      writeFileSync(join(work, 'build.log'), log.join('\n'));
      rmSync(failedDir, { recursive: true, force: true });
      renameSync(work, failedDir);
      throw error.withFolder(failedDir);
    }
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** A compile or link error: its folder is kept as <out>.failed for the log and the map. */
class BuildFailure extends EtbError {
  withFolder(folder: string): EtbError {
    return new EtbError(this.code, this.message, {
      hints: [...this.hints, `the compiler log and the linker map are in ${folder}`],
      ...(this.location === undefined ? {} : { location: this.location }),
    });
  }
}

/** Compiles each source to its own object (named after it, so errors and traces name files), in parallel. */
async function compileAll(board: Board, compiler: string, flags: readonly string[], sources: readonly string[], work: string, log: string[]): Promise<string[]> {
  const objects = sources.map((source, i) => {
    const name = basename(source).replace(/\.c$/u, '');
    const clash = sources.slice(0, i).some((other) => basename(other) === basename(source));
    return join('obj', `${clash ? `${name}-${i}` : name}.o`);
  });
  const results: ToolResult[] = new Array<ToolResult>(sources.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < sources.length; i = next++) {
      results[i] = await runTool(compiler, [...flags, '-c', sources[i]!, '-o', objects[i]!], { cwd: work, allowFailure: true });
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), sources.length) }, worker));
  for (const result of results) log.push(`$ ${result.command}`, result.output.trimEnd(), `(exit ${result.exitCode})`);
  const failed = results.find((result) => result.exitCode !== 0);
  if (failed !== undefined) {
    throw new BuildFailure(TOOLCHAIN_ERROR_CODES.compileFailed, `compiling the firmware for ${board.id} failed:\n${tail(failed.output)}`, {
      hints: [`the command was: ${failed.command}`],
    });
  }
  return objects;
}

async function link(board: Board, linker: string, args: readonly string[], work: string, log: string[]): Promise<void> {
  const result = await runTool(linker, args, { cwd: work, allowFailure: true });
  log.push(`$ ${result.command}`, result.output.trimEnd(), `(exit ${result.exitCode})`);
  if (result.exitCode === 0) return;
  const overflow = regionOverflowError(board, result.output);
  if (overflow !== undefined) throw new BuildFailure(overflow.code, overflow.message, { hints: overflow.hints });
  const heap = HEAP_REFERENCE.exec(result.output);
  if (heap !== null) throw heapError(board, heap[1]!, result.output);
  throw new BuildFailure(TOOLCHAIN_ERROR_CODES.compileFailed, `linking the firmware for ${board.id} failed:\n${tail(result.output)}`, {
    hints: ['an undefined reference usually means a kernel source is missing from the build'],
  });
}

/** Moves the finished build into place; the previous build there is removed only afterwards. */
function replaceFolder(work: string, outDir: string): void {
  const old = `${work}.old`;
  try {
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(work, outDir);
  } catch (cause) {
    throw new EtbError(TOOLCHAIN_ERROR_CODES.buildDirectory, `cannot move the build into ${outDir}: ${(cause as Error).message}`, {
      cause,
      hints: ['check that the output folder is writable and not open in another program'],
    });
  }
  rmSync(old, { recursive: true, force: true });
}

const HEAP_REFERENCE = new RegExp(`undefined reference to \`(${HEAP_SYMBOLS.join('|')})'`, 'u');

/** The heap error, naming the objects that reference allocation functions (from ld's -y trace). */
function heapError(board: Board, symbols: string, linkerOutput: string): BuildFailure {
  const users = [...linkerOutput.matchAll(/^.*?([^\s/:]+\.o): reference to (\w+)$/gmu)].map((m) => `${m[1]} calls ${m[2]}`);
  return new BuildFailure(TOOLCHAIN_ERROR_CODES.heapLinked, `the firmware for ${board.id} would use the heap (${symbols}); etbuild firmware must not allocate${users.length > 0 ? `:\n  ${[...new Set(users)].join('\n  ')}` : ''}`, {
    hints: ['use static buffers; a libc function such as printf or strdup can allocate behind your back'],
  });
}

/** Heap functions defined in an ELF (nm), which a correct firmware never contains. */
export async function linkedHeapSymbols(elf: string): Promise<string[]> {
  const { stdout } = await runTool('arm-none-eabi-nm', ['--defined-only', elf]);
  const defined = new Set(stdout.split('\n').map((line) => line.trim().split(/\s+/u)[2]).filter((name): name is string => name !== undefined));
  return HEAP_SYMBOLS.filter((name) => defined.has(name));
}
