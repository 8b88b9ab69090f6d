// Running runner firmware in qemu-system-arm. The firmware's console is QEMU's first serial
// port, connected to QEMU's stdio; the protocol session (protocol.ts) talks to it. The firmware
// stops itself through semihosting when asked, so QEMU's exit code is the method's status.
// Benchmarks run with `-icount shift=N`, which makes time an instruction count (repeatable
// counts; the board's N makes one instruction at least one SysTick tick); plain runs do not, because under -icount QEMU services the serial port far less
// often and a streamed input crawls.
import { resolve } from 'node:path';
import { EtbError } from '../core/errors.js';
import { resolveBoard } from '../boards/resolve.js';
import type { Board } from '../boards/types.js';
import { startTool, tail, type RunningTool } from '../toolchain/exec.js';
import { readManifest } from '../toolchain/manifest.js';
import {
  DeviceSession, LineReader, type BenchResult, type DeviceInfo, type LineTransport, type SessionOptions, type StackUse,
} from './protocol.js';

export const QEMU_ERROR_CODES = {
  noMachine: 'ETB1108',
  timeout: 'ETB4106',
  qemuFailed: 'ETB4107',
} as const;

export interface QemuTarget {
  /** A build folder (its etbuild.json names the ELF and the board)... */
  readonly buildDir?: string;
  /** ...or an ELF and its board. */
  readonly elf?: string;
  readonly board?: Board | string;
  /** Whole-run limit; QEMU is killed when it passes (default 60 s). */
  readonly timeoutMs?: number;
  /** Every line the firmware prints (for logs). */
  readonly onLine?: (line: string) => void;
  readonly chunkBytes?: number;
}

export interface RunOnQemuOptions extends QemuTarget {
  /** Method name or index (default 0, which is "forward" for exported models). */
  readonly method?: string | number;
  readonly inputs: readonly Uint8Array[];
}

export interface RunOnQemuResult {
  readonly outputs: readonly Uint8Array[];
  /** The method's etb_status (0 = ok); QEMU exited with it. */
  readonly status: number;
  readonly failedInstruction: number | null;
  /** The stack's high-water mark since reset, when the firmware reports it. */
  readonly stack?: StackUse;
  readonly device: DeviceInfo;
}

export interface BenchOnQemuOptions extends QemuTarget {
  readonly method?: string | number;
  /** Inputs to load before the bench (optional: the planned inputs start as zeros). */
  readonly inputs?: readonly Uint8Array[];
  readonly warmup: number;
  readonly iterations: number;
}

/** The qemu-system-arm arguments that run `elf` on the board's machine with the console on stdio. */
export function qemuArgs(board: Board, elf: string, deterministicTime: boolean): string[] {
  return [
    '-machine', qemuMachine(board),
    '-nographic', '-monitor', 'none',
    '-serial', 'stdio',
    '-semihosting-config', 'enable=on,target=native',
    ...(deterministicTime ? ['-icount', `shift=${board.qemu?.icountShift ?? 0}`] : []),
    '-kernel', elf,
  ];
}

export function qemuMachine(board: Board): string {
  if (board.qemu === undefined) {
    throw new EtbError(QEMU_ERROR_CODES.noMachine, `board ${board.id} has no QEMU machine`, {
      hints: ['QEMU boards: stm32f4 (netduinoplus2), mps2-an385, mps2-an386, mps2-an500, mps2-an505, mps3-an547', 'or run on the device itself with -p PORT'],
    });
  }
  if (board.console.kind === 'semihosting') {
    // QEMU 7.2 passes semihosting output through but loses console input from a pipe.
    throw new EtbError(QEMU_ERROR_CODES.noMachine, `board ${board.id} has a semihosting console, which etbuild cannot drive under QEMU`, {
      hints: ['give the board file the UART console of its QEMU machine (e.g. inherit from mps2-an385)'],
    });
  }
  return board.qemu.machine;
}

/** Runs one method on inputs and returns its outputs (raw bytes, as the host board writes them). */
export async function runOnQemu(options: RunOnQemuOptions): Promise<RunOnQemuResult> {
  return withQemu(options, false, async (session) => {
    const device = await session.hello();
    await session.sendInputs(options.method ?? 0, options.inputs);
    const result = await session.run();
    return { outputs: result.outputs, status: result.status, failedInstruction: result.failedInstruction, ...(result.stack === undefined ? {} : { stack: result.stack }), device };
  });
}

/** Benchmarks a bench-mode build under QEMU (counts are SysTick ticks under -icount: repeatable). */
export async function benchOnQemu(options: BenchOnQemuOptions): Promise<BenchResult & { readonly device: DeviceInfo }> {
  return withQemu(options, true, async (session) => {
    const device = await session.hello();
    if (options.inputs !== undefined) await session.sendInputs(options.method ?? 0, options.inputs);
    const result = await session.bench(options.warmup, options.iterations);
    return { ...result, device };
  });
}

function target(options: QemuTarget): { board: Board; elf: string } {
  if (options.buildDir !== undefined) {
    const manifest = readManifest(options.buildDir);
    if (manifest.artefacts.elf === undefined) {
      throw new EtbError(QEMU_ERROR_CODES.noMachine, `${options.buildDir} is a ${manifest.board.id} build, which has no firmware ELF to emulate`, {
        hints: ['run host builds directly, or build for a QEMU board'],
      });
    }
    return { board: manifest.board, elf: resolve(options.buildDir, manifest.artefacts.elf) };
  }
  if (options.elf === undefined || options.board === undefined) throw new Error('runOnQemu needs buildDir, or elf and board');
  return { board: typeof options.board === 'string' ? resolveBoard(options.board) : options.board, elf: resolve(options.elf) };
}

/**
 * Starts QEMU, gives `body` a session on its console, then asks the firmware to exit and checks
 * that QEMU stops. QEMU is always gone when this returns or throws.
 */
async function withQemu<T extends { status: number }>(
  options: QemuTarget,
  deterministicTime: boolean,
  body: (session: DeviceSession) => Promise<T>,
): Promise<T> {
  const { board, elf } = target(options);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const peer = `the firmware in QEMU ${qemuMachine(board)}`;
  const qemu = await startTool('qemu-system-arm', qemuArgs(board, elf, deterministicTime));
  const lines = new LineReader();
  let stderr = '';
  qemu.stdout.on('data', (chunk: Buffer) => lines.push(chunk));
  qemu.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  qemu.stdin.on('error', () => { /* QEMU went away; its exit is reported through the line reader */ });
  const exited = qemu.exited.then(({ code, signal }) => {
    lines.close(`QEMU exited (${signal ?? `code ${code}`})${stderr.trim() === '' ? '' : `: ${tail(stderr, 8)}`}`);
    return code;
  });
  const transport: LineTransport = {
    write: (text) => writeTo(qemu, text),
    readLine: (ms) => lines.readLine(ms),
  };
  const sessionOptions: SessionOptions = {
    peer,
    runTimeoutMs: timeoutMs,
    ...(options.onLine === undefined ? {} : { onLine: options.onLine }),
    ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
  };
  const session = new DeviceSession(transport, sessionOptions);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EtbError(QEMU_ERROR_CODES.timeout, `${peer} did not finish within ${timeoutMs / 1000} s; QEMU was stopped`, {
      hints: ['a large model may need a longer --timeout', 'a firmware that hangs prints nothing more: check its last lines with --verbose'],
    })), timeoutMs);
  });
  try {
    const result = await Promise.race([body(session), deadline]);
    await session.exit();
    const code = await Promise.race([exited, deadline]);
    if (code !== result.status) {
      throw new EtbError(QEMU_ERROR_CODES.qemuFailed, `QEMU exited with ${code} after the firmware reported status ${result.status}`, {
        hints: [stderr.trim() === '' ? 'QEMU printed nothing on stderr' : tail(stderr, 8)],
      });
    }
    return result;
  } finally {
    clearTimeout(timer);
    if (qemu.running()) qemu.kill();
    await exited;
  }
}

function writeTo(qemu: RunningTool, text: string): Promise<void> {
  return new Promise((done, fail) => {
    qemu.stdin.write(text, (error) => (error == null ? done() : fail(error)));
  });
}
