// QEMU with the firmware's console on a pseudo-terminal, which etbuild opens with serialport
// exactly as it opens a board's port: the QEMU path of `bench` is the serial path, so CI runs the
// code a user's board runs.
//
// The order matters. Output written while nobody holds the pty is lost, so QEMU starts paused
// (-S), announces its pty ("char device redirected to /dev/pts/N"), etbuild opens that path, and
// only then resumes the CPU over QMP ("cont"). QEMU also logs the serial output to a file: when
// the firmware exits, the pty goes away with whatever the port had not read yet, and the log
// gives that tail back. QEMU, the port, the QMP socket and the log are always cleaned up.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtbError } from '../core/errors.js';
import type { Board } from '../boards/types.js';
import { startTool, tail, type RunningTool } from '../toolchain/exec.js';
import { DeviceSession, LineReader, linesOverBytes, type SessionOptions } from './protocol.js';
import { QEMU_ERROR_CODES, qemuMachine } from './qemu.js';
import { openSerial, type Transport } from './transport/serial.js';

export const QEMU_PTY_ERROR_CODES = {
  /** QEMU did not announce its pty or its QMP socket did not answer. */
  startFailed: 'ETB4108',
} as const;

/** The chardev id of the console; QEMU names it in its "redirected" message. */
const CONSOLE_ID = 'etb0';
/** The baud rate of a pty means nothing; a board without one still needs a number for serialport. */
const DEFAULT_BAUD = 115_200;

export interface QemuPtyOptions {
  readonly board: Board;
  readonly elf: string;
  /** -icount shift=<board.qemu.icountShift>: virtual time counts instructions, the same every run. */
  readonly deterministicTime: boolean;
  /** How long QEMU may take to announce its pty and answer on QMP (default 10 s). */
  readonly startTimeoutMs?: number;
}

export interface QemuOnPty {
  readonly machine: string;
  /** The pty's device path, /dev/pts/N. */
  readonly ptyPath: string;
  /** The -icount shift, or null when time is real. */
  readonly icountShift: number | null;
  /** The pty, opened with serialport. */
  readonly port: Transport;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: string | null }>;
  /** What QEMU printed on stderr so far (semihosting output, warnings). */
  stderr(): string;
  /** Everything the firmware wrote to its console so far, from QEMU's log of it. */
  consoleLog(): Buffer;
  /** Stops QEMU if it still runs, closes the port, removes the socket and the log. Idempotent. */
  close(): Promise<void>;
}

export interface QemuPtyFiles {
  /** QMP's unix socket. */
  readonly qmpSocket: string;
  /** QEMU's copy of the console output. */
  readonly consoleLog: string;
}

/** The qemu-system-arm arguments: paused, console on a logged pty, QMP on a unix socket. */
export function qemuPtyArgs(board: Board, elf: string, files: QemuPtyFiles, deterministicTime: boolean): string[] {
  return [
    '-machine', qemuMachine(board),
    '-display', 'none', '-monitor', 'none',
    '-S',
    '-chardev', `pty,id=${CONSOLE_ID},logfile=${files.consoleLog},logappend=off`,
    '-serial', `chardev:${CONSOLE_ID}`,
    '-qmp', `unix:${files.qmpSocket},server=on,wait=off`,
    '-semihosting-config', 'enable=on,target=native',
    ...(deterministicTime ? ['-icount', `shift=${icountShiftOf(board)}`] : []),
    '-kernel', elf,
  ];
}

function icountShiftOf(board: Board): number {
  return board.qemu?.icountShift ?? 0;
}

/** Starts QEMU paused, opens its console pty with serialport, then lets the CPU run. */
export async function startQemuOnPty(options: QemuPtyOptions): Promise<QemuOnPty> {
  const { board } = options;
  const machine = qemuMachine(board);
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const work = mkdtempSync(join(tmpdir(), 'etb-qemu-'));
  const files: QemuPtyFiles = { qmpSocket: join(work, 'qmp.sock'), consoleLog: join(work, 'console.log') };
  let qemu: RunningTool | undefined;
  let port: Transport | undefined;
  let closed = false;
  let stderr = '';
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (qemu?.running() === true) qemu.kill();
    await qemu?.exited;
    await port?.close();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    qemu = await startTool('qemu-system-arm', qemuPtyArgs(board, options.elf, files, options.deterministicTime));
    const running = qemu;
    running.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    running.stdin.on('error', () => { /* QEMU went away; its exit is reported elsewhere */ });
    const died = running.exited.then(({ code, signal }) => {
      throw startError(machine, `QEMU exited (${signal ?? `code ${code}`}) before the firmware started`, stderr);
    });
    died.catch(() => undefined);
    const ptyPath = await Promise.race([announcedPty(running, startTimeoutMs, machine, () => stderr), died]);
    port = await openSerial({ path: ptyPath, baudRate: board.console.baud ?? DEFAULT_BAUD });
    // QMP failing usually means QEMU is on its way out (it could not load the ELF): its exit and
    // stderr say why better than a closed socket does.
    const resumed = resumeOverQmp(files.qmpSocket, startTimeoutMs, machine, () => stderr).catch(async (error: unknown) => {
      await Promise.race([died, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      throw error;
    });
    await Promise.race([resumed, died]);
    const opened = port;
    return {
      machine,
      ptyPath,
      icountShift: options.deterministicTime ? icountShiftOf(board) : null,
      port: opened,
      exited: running.exited,
      stderr: () => stderr,
      consoleLog: () => (existsSync(files.consoleLog) ? readFileSync(files.consoleLog) : Buffer.alloc(0)),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function startError(machine: string, what: string, stderr: string): EtbError {
  return new EtbError(QEMU_PTY_ERROR_CODES.startFailed, `QEMU ${machine} could not be started with its console on a pty: ${what}`, {
    hints: [stderr.trim() === '' ? 'QEMU printed nothing on stderr' : tail(stderr, 8), 'etbuild needs qemu-system-arm 7.2 or later (`etbuild doctor`)'],
  });
}

/** Reads QEMU's stdout until it names the console's pty. */
function announcedPty(qemu: RunningTool, timeoutMs: number, machine: string, stderr: () => string): Promise<string> {
  const pattern = new RegExp(`char device redirected to (\\S+) \\(label ${CONSOLE_ID}\\)`, 'u');
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      qemu.stdout.off('data', onData);
      reject(startError(machine, `it did not announce its pty within ${timeoutMs / 1000} s${stdout.trim() === '' ? '' : ` (its output: ${tail(stdout, 4)})`}`, stderr()));
    }, timeoutMs);
    timer.unref(); // QEMU's exit may settle the start first; this must not keep the process alive
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString();
      const found = pattern.exec(stdout);
      if (found === null) return;
      clearTimeout(timer);
      qemu.stdout.off('data', onData);
      qemu.stdout.resume(); // later output (none is expected) must not fill the pipe
      resolve(found[1]!);
    };
    qemu.stdout.on('data', onData);
  });
}

/** Connects to QMP, negotiates capabilities and resumes the paused CPU. */
async function resumeOverQmp(socketPath: string, timeoutMs: number, machine: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const socket = await connectWhenListening(socketPath, deadline, machine, stderr);
  const replies = new LineReader();
  socket.on('data', (chunk: Buffer) => replies.push(chunk));
  socket.on('close', () => replies.close('QMP closed the connection'));
  socket.on('error', () => { /* reported through 'close' */ });
  const execute = async (command: string): Promise<void> => {
    socket.write(`${JSON.stringify({ execute: command })}\n`);
    for (;;) {
      const reply = JSON.parse(await replies.readLine(Math.max(1, deadline - Date.now()))) as { return?: unknown; error?: { desc?: string } };
      if (reply.error !== undefined) throw startError(machine, `QMP refused ${command}: ${reply.error.desc ?? JSON.stringify(reply.error)}`, stderr());
      if (reply.return !== undefined) return;
      // the greeting and asynchronous events ({"event": "RESUME"}) are not answers
    }
  };
  try {
    await execute('qmp_capabilities');
    await execute('cont');
  } catch (error) {
    if (error instanceof EtbError) throw error;
    throw startError(machine, `QMP did not answer (${(error as Error).message})`, stderr());
  } finally {
    socket.destroy();
  }
}

/** QEMU creates the QMP socket during start-up, after it printed the pty: retry until it listens. */
async function connectWhenListening(path: string, deadline: number, machine: string, stderr: () => string): Promise<Socket> {
  for (;;) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const socket = connect(path);
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || Date.now() > deadline) {
        throw startError(machine, `cannot connect to QMP at ${path} (${code ?? (error as Error).message})`, stderr());
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export interface QemuPtySessionOptions extends QemuPtyOptions {
  /** Whole-session limit; QEMU is killed when it passes (default 60 s). */
  readonly timeoutMs?: number;
  /** Every line the firmware prints (for logs and --verbose). */
  readonly onLine?: (line: string) => void;
  readonly chunkBytes?: number;
}

/**
 * Starts QEMU on a pty, gives `body` a protocol session over the pty (through serialport), then
 * asks the firmware to exit and checks that QEMU exits with the status `body` reported. QEMU is
 * always gone when this returns or throws.
 */
export async function withQemuOnPty<T extends { readonly status: number }>(
  options: QemuPtySessionOptions,
  body: (session: DeviceSession, qemu: QemuOnPty) => Promise<T>,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let qemu: QemuOnPty | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EtbError(QEMU_ERROR_CODES.timeout,
      `the firmware in QEMU ${options.board.qemu?.machine ?? ''} did not finish within ${timeoutMs / 1000} s; QEMU was stopped`, {
        hints: ['a large model or many iterations may need a longer --timeout', 'a firmware that hangs prints nothing more: check its last lines with --verbose'],
      })), timeoutMs);
  });
  deadline.catch(() => undefined);
  const starting = startQemuOnPty(options);
  try {
    const started = await Promise.race([starting, deadline]);
    qemu = started;
    const lines = linesOverBytes(started.port, { missedTail: (received) => started.consoleLog().subarray(received) });
    const peer = `the firmware in QEMU ${started.machine} (${started.ptyPath})`;
    const sessionOptions: SessionOptions = {
      peer,
      runTimeoutMs: timeoutMs,
      ...(options.onLine === undefined ? {} : { onLine: options.onLine }),
      ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
    };
    const session = new DeviceSession(lines, sessionOptions);
    const result = await Promise.race([body(session, started), deadline]);
    await session.exit();
    const { code } = await Promise.race([started.exited, deadline]);
    if (code !== result.status) {
      const stderr = started.stderr();
      throw new EtbError(QEMU_ERROR_CODES.qemuFailed, `QEMU exited with ${code} after the firmware reported status ${result.status}`, {
        hints: [stderr.trim() === '' ? 'QEMU printed nothing on stderr' : tail(stderr, 8)],
      });
    }
    return result;
  } finally {
    clearTimeout(timer);
    // A start that lost the race to the deadline still ends (its own time limit): stop it too.
    await (qemu ?? await starting.catch(() => undefined))?.close();
  }
}
