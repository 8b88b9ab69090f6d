// The one place etbuild starts external programs (compilers, emulators, flash tools). A missing
// program becomes a named error with the package that provides it, and a failing one an error
// that quotes its command line and the end of its output.
import { execa } from 'execa';
import type { Readable, Writable } from 'node:stream';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { EtbError } from '../core/errors.js';

export const TOOLCHAIN_ERROR_CODES = {
  toolMissing: 'ETB3001',
  toolFailed: 'ETB3002',
  compileFailed: 'ETB3003',
  heapLinked: 'ETB3004',
  buildDirectory: 'ETB3005',
} as const;

/** The Debian/Ubuntu package that provides each program etbuild may run. */
export const TOOL_PACKAGES: Readonly<Record<string, string>> = {
  'arm-none-eabi-gcc': 'gcc-arm-none-eabi libnewlib-arm-none-eabi',
  'arm-none-eabi-objcopy': 'binutils-arm-none-eabi',
  'arm-none-eabi-objdump': 'binutils-arm-none-eabi',
  'arm-none-eabi-nm': 'binutils-arm-none-eabi',
  'arm-none-eabi-size': 'binutils-arm-none-eabi',
  gcc: 'gcc',
  'qemu-system-arm': 'qemu-system-arm',
  flatc: 'flatbuffers-compiler',
  socat: 'socat',
  stm32flash: 'stm32flash',
  openocd: 'openocd',
  'st-flash': 'stlink-tools',
};

export function installHint(tool: string): string {
  const pkg = TOOL_PACKAGES[tool];
  return pkg === undefined
    ? `install ${tool} and make sure it is on PATH`
    : `install it: sudo apt-get install --no-install-recommends ${pkg}`;
}

export function toolMissingError(tool: string, cause?: unknown): EtbError {
  return new EtbError(TOOLCHAIN_ERROR_CODES.toolMissing, `${tool} was not found on PATH`, {
    hints: [installHint(tool), '`etbuild doctor` lists every tool etbuild uses and whether it is installed'],
    cause,
  });
}

export interface ToolResult {
  /** The command line, quoted for a shell (for logs and error messages). */
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as they were written. */
  readonly output: string;
}

export interface RunToolOptions {
  readonly cwd?: string;
  readonly input?: string | Uint8Array;
  readonly timeoutMs?: number;
  /** Return a nonzero exit as a result instead of throwing ETB3002. */
  readonly allowFailure?: boolean;
}

/** Runs a program to completion and captures its output. */
export async function runTool(tool: string, args: readonly string[], options: RunToolOptions = {}): Promise<ToolResult> {
  const result = await execa(tool, args, {
    reject: false,
    all: true,
    stripFinalNewline: false,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.input === undefined ? {} : { input: options.input }),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  });
  if (result.code === 'ENOENT') throw toolMissingError(tool, result);
  const toolResult: ToolResult = {
    command: result.escapedCommand,
    exitCode: result.exitCode ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    output: result.all,
  };
  if (result.timedOut) {
    throw new EtbError(TOOLCHAIN_ERROR_CODES.toolFailed, `${tool} did not finish within ${options.timeoutMs} ms: ${toolResult.command}`, { cause: result });
  }
  if (toolResult.exitCode !== 0 && options.allowFailure !== true) throw toolFailedError(toolResult);
  return toolResult;
}

export function toolFailedError(result: ToolResult, message?: string): EtbError {
  return new EtbError(TOOLCHAIN_ERROR_CODES.toolFailed, `${message ?? 'command failed'} (exit ${result.exitCode}): ${result.command}\n${tail(result.output)}`, {
    hints: ['run the command above by hand to see the whole output'],
  });
}

/** The last lines of a tool's output, enough to show the error without flooding the terminal. */
export function tail(text: string, lines = 30): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n');
}

/** A program started by startTool: its streams, and a promise of how it ended. */
export interface RunningTool {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: string | null }>;
  /** True while the program has not exited. */
  readonly running: () => boolean;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Starts a long-running program (an emulator) with piped stdio and returns once it runs; its
 * streams are the caller's. Rejects with ETB3001 if the program does not exist.
 */
export async function startTool(tool: string, args: readonly string[], options: { readonly cwd?: string } = {}): Promise<RunningTool> {
  const subprocess = execa(tool, args, {
    reject: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    cwd: options.cwd ?? process.cwd(),
  });
  let running = true;
  const exited = subprocess.then((result) => {
    running = false;
    return { code: result.exitCode ?? null, signal: result.signal ?? null };
  });
  await new Promise<void>((resolve, reject) => {
    subprocess.once('spawn', () => resolve());
    subprocess.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? toolMissingError(tool, error) : error));
  });
  return {
    stdin: subprocess.stdin,
    stdout: subprocess.stdout,
    stderr: subprocess.stderr,
    exited,
    running: () => running,
    kill: (signal = 'SIGKILL') => { subprocess.kill(signal); },
  };
}

/** The full path of a program on PATH, or null. Does not run it. */
export function findTool(tool: string, path: string = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}
