// Benchmarking a bench-mode build: on a board through its serial port, or in QEMU through a pty
// opened the same way. Both talk the line protocol over serialport; only how the port comes to
// exist differs. The firmware runs the warm-up and the timed runs in one `b W N` command, then
// the host asks for N - 1 more profiled runs (`b 0 0`), so each kernel call has N counts too.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EtbError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import {
  DeviceSession, LineClosedError, LineTimeoutError, linesOverBytes, type BenchResult, type DeviceInfo, type LineTransport, type MethodInfo,
} from '../device/protocol.js';
import { QEMU_ERROR_CODES } from '../device/qemu.js';
import { withQemuOnPty } from '../device/qemu-pty.js';
import { openSerial } from '../device/transport/serial.js';
import { readManifest, type BuildManifest } from '../toolchain/manifest.js';
import { writeBenchFile, type BenchReport, type BenchTarget } from './report.js';
import { collateProfiles, opStats, summarize, type OpSample } from './stats.js';

export const BENCH_ERROR_CODES = {
  notABenchBuild: 'ETB1301',
  inputMissing: 'ETB1302',
  methodFailed: 'ETB4109',
  otherModel: 'ETB4110',
  noTarget: 'ETB1303',
} as const;

export type BenchConnection =
  | { readonly kind: 'qemu' }
  | { readonly kind: 'serial'; readonly port: string; /** default: the manifest's console baud */ readonly baud?: number };

export interface BenchOptions {
  /** A build folder made in bench mode. */
  readonly buildDir: string;
  readonly connection: BenchConnection;
  /** Method name (default "forward", or the first method when there is none of that name). */
  readonly method?: string;
  /** Untimed runs first (default 2). */
  readonly warmup?: number;
  /** Timed runs, and as many profiled runs (default 10). */
  readonly iterations?: number;
  /** A folder with 0.bin, 1.bin, ... (raw little-endian); without it every input is zeros. */
  readonly inputsDir?: string;
  /** Run the method once more after the benchmark and return its outputs. */
  readonly collectOutputs?: boolean;
  /** QEMU: the whole benchmark's limit; a board: the limit of each command's answer (default 120 s). */
  readonly timeoutMs?: number;
  /** Every line the firmware prints. */
  readonly onLine?: (line: string) => void;
}

export interface BenchRun {
  readonly report: BenchReport;
  /** Where the report was saved (the build folder's bench.json). */
  readonly file: string;
  /** The outputs of one more run after the benchmark, when asked for. */
  readonly outputs: readonly Uint8Array[] | null;
}

interface DeviceBench {
  readonly status: number;
  readonly device: DeviceInfo;
  readonly method: MethodInfo;
  readonly counts: readonly number[];
  readonly profiles: readonly (readonly OpSample[])[];
  readonly outputs: readonly Uint8Array[] | null;
}

/** Benchmarks a bench build and saves the result as bench.json in its folder. */
export async function benchBuild(options: BenchOptions): Promise<BenchRun> {
  const buildDir = resolve(options.buildDir);
  const manifest = readManifest(buildDir);
  if (manifest.mode !== 'bench') throw notABenchBuild(`${options.buildDir} holds a ${manifest.mode} build`);
  const warmup = options.warmup ?? 2;
  const iterations = options.iterations ?? 10;
  if (!Number.isInteger(warmup) || warmup < 0 || !Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`bench needs warmup >= 0 and iterations >= 1 (got ${warmup}, ${iterations})`);
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  const body = (session: DeviceSession): Promise<DeviceBench> =>
    benchSession(session, manifest, { ...options, warmup, iterations }, options.connection.kind === 'serial');

  let target: BenchTarget;
  let result: DeviceBench;
  if (options.connection.kind === 'qemu') {
    if (manifest.artefacts.elf === undefined) {
      throw new EtbError(QEMU_ERROR_CODES.noMachine, `${options.buildDir} is a ${manifest.board.id} build, which has no firmware ELF to emulate`, {
        hints: ['build for a QEMU board, e.g. etbuild bench MODEL.pte -b stm32f4 --qemu'],
      });
    }
    const elf = join(buildDir, manifest.artefacts.elf);
    let machine = '';
    let icountShift = 0;
    result = await withQemuOnPty({
      board: manifest.board, elf, deterministicTime: true, timeoutMs,
      ...(options.onLine === undefined ? {} : { onLine: options.onLine }),
    }, (session, qemu) => {
      machine = qemu.machine;
      icountShift = qemu.icountShift ?? 0;
      return body(session);
    });
    target = { kind: 'qemu', machine, icountShift };
  } else {
    const baud = options.connection.baud ?? manifest.runner.baud ?? manifest.board.console.baud ?? 115_200;
    const path = options.connection.port;
    const port = await openSerial({ path, baudRate: baud });
    try {
      const lines = linesOverBytes(port);
      // A board that booted (or reset on open) moments ago may still be printing its hello: let it
      // finish first, or that block would answer the command after the `h` sent here.
      await discardUntilQuiet(lines, QUIET_MS);
      const session = new DeviceSession(lines, {
        peer: `the board on ${path}`,
        runTimeoutMs: timeoutMs,
        ...(options.onLine === undefined ? {} : { onLine: options.onLine }),
      });
      result = await body(session);
    } finally {
      await port.close();
    }
    target = { kind: 'serial', port: path, baud };
  }

  const report = benchReport(manifest, target, result, { warmup, iterations, inputsDir: options.inputsDir ?? null });
  const file = writeBenchFile(buildDir, report);
  return { report, file, outputs: result.outputs };
}

/** How long a port must stay silent before etbuild takes the board to be waiting for commands. */
const QUIET_MS = 300;

async function discardUntilQuiet(lines: LineTransport, quietMs: number): Promise<void> {
  for (;;) {
    try {
      await lines.readLine(quietMs);
    } catch (error) {
      // Silence is what was waited for; a port that closed is reported by the session's first read.
      if (error instanceof LineTimeoutError || error instanceof LineClosedError) return;
      throw error;
    }
  }
}

/** The conversation: hello, inputs, the timed runs, the profiled runs, optionally one more run. */
async function benchSession(
  session: DeviceSession,
  manifest: BuildManifest,
  options: BenchOptions & { readonly warmup: number; readonly iterations: number },
  askHello: boolean,
): Promise<DeviceBench> {
  const device = await session.hello(askHello);
  if (device.mode !== 'bench') throw notABenchBuild(`the firmware (${device.model} for ${device.board}) is a ${device.mode} build`);
  if (device.sha256 !== manifest.model.sha256) {
    throw new EtbError(BENCH_ERROR_CODES.otherModel, `the firmware runs model ${device.model} (sha256 ${device.sha256.slice(0, 12)}…), not ${manifest.model.file} (${manifest.model.sha256.slice(0, 12)}…) of this build`, {
      hints: ['flash this build first: etbuild flash -d DIR -p PORT'],
    });
  }
  const index = session.methodIndex(options.method ?? (device.methods.some((m) => m.name === 'forward') ? 'forward' : 0));
  const info = device.methods[index]!;
  const inputs = options.inputsDir === undefined ? info.inputs.map((io) => new Uint8Array(io.nbytes)) : readInputs(options.inputsDir, info);

  await session.sendInputs(index, inputs);
  const timed = checked(await session.bench(options.warmup, options.iterations), info);
  const profiles = [timed.ops];
  for (let run = 1; run < options.iterations; run++) profiles.push(checked(await session.bench(0, 0), info).ops);

  let outputs: readonly Uint8Array[] | null = null;
  if (options.collectOutputs === true) {
    // The runs may have reused the inputs' memory for intermediate tensors: send them again.
    await session.sendInputs(index, inputs);
    const run = await session.run();
    if (run.status !== 0) throw methodFailed(info, run.status, run.failedInstruction);
    outputs = run.outputs;
  }
  return { status: 0, device, method: info, counts: timed.iterations, profiles, outputs };
}

function checked(result: BenchResult, method: MethodInfo): BenchResult {
  if (result.status !== 0) throw methodFailed(method, result.status, result.failedInstruction);
  return result;
}

function benchReport(
  manifest: BuildManifest,
  target: BenchTarget,
  result: DeviceBench,
  run: { readonly warmup: number; readonly iterations: number; readonly inputsDir: string | null },
): BenchReport {
  const inference = { ...summarize(result.counts), counts: result.counts };
  const ops = opStats(collateProfiles(result.profiles)).map((op) => ({ ...op, cycles: op.median }));
  const total = ops.reduce((sum, op) => sum + op.median, 0);
  return {
    etbuild: VERSION,
    model: { file: manifest.model.file, sha256: manifest.model.sha256 },
    board: manifest.board.id,
    method: result.method.name,
    target,
    timer: result.device.timer ?? manifest.board.timer,
    unit: target.kind === 'qemu' ? 'instructions' : 'cycles',
    clockHz: result.device.clockHz,
    inputs: run.inputsDir === null ? null : resolve(run.inputsDir),
    warmup: run.warmup,
    iterations: run.iterations,
    inference,
    ops,
    kernels: { total, shareOfInference: inference.median === 0 ? 0 : total / inference.median },
  };
}

/** Input i of the method from DIR/i.bin (sizes are checked against the firmware when sent). */
function readInputs(dir: string, method: MethodInfo): Uint8Array[] {
  return method.inputs.map((_, i) => {
    const file = join(dir, `${i}.bin`);
    try {
      return new Uint8Array(readFileSync(file));
    } catch (cause) {
      throw new EtbError(BENCH_ERROR_CODES.inputMissing, `cannot read input ${i} of method ${method.name}: ${file} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, {
        cause,
        hints: [`method ${method.name} takes ${method.inputs.length} input(s): ${method.inputs.map((io, k) => `${k}.bin (${io.nbytes} bytes)`).join(', ')}`],
      });
    }
  });
}

function notABenchBuild(what: string): EtbError {
  return new EtbError(BENCH_ERROR_CODES.notABenchBuild, `${what}; bench needs firmware built in bench mode (timers and per-operator counts)`, {
    hints: ['build and benchmark in one step: etbuild bench MODEL.pte -b BOARD (--qemu | -p PORT)', 'on a board, flash the bench build before benchmarking it'],
  });
}

function methodFailed(method: MethodInfo, status: number, instruction: number | null): EtbError {
  return new EtbError(BENCH_ERROR_CODES.methodFailed, `method ${method.name} failed on the device with status ${status}${instruction === null ? '' : ` at instruction ${instruction}`}`, {
    ...(instruction === null ? {} : { location: { method: method.name, instruction } }),
    hints: ['run it with `etbuild run` on the same inputs to see its outputs and status'],
  });
}
