// The one-way flow, strung together: read → analyse → generate → build → run. Each stage returns
// plain data; this module only sequences them, writes the build folder atomically and emits
// progress events for the CLI to render.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { analyse, type Analysis } from './analysis/analyse.js';
import { EtbError } from './core/errors.js';
import { RUNTIME_C_DIR } from './core/paths.js';
import { VERSION } from './core/version.js';
import { generate, type GeneratedProject } from './codegen/generate.js';
import type { BundledProgram, BundledValue, Program } from './pte/model.js';
import { tensorNbytes } from './pte/model.js';
import { resolveBoard } from './boards/resolve.js';
import type { Board } from './boards/types.js';
import { buildFirmware } from './toolchain/gcc.js';
import { runTool, tail } from './toolchain/exec.js';
import { runOnQemu } from './device/qemu.js';
import { MANIFEST_FILE, type BuildManifest } from './toolchain/manifest.js';
import { checkFit, formatBytes, memorySummary } from './toolchain/memory.js';
import { describeStack, fixedStackSize } from './toolchain/stack.js';
import type { FirmwareMode } from './toolchain/platform.js';
import { renderReportHtml, reportForBuild, REPORT_FILE } from './report/index.js';
import { buildZephyr, generateZephyrApp, writeZephyrApp } from './zephyr/index.js';
import { compareOutput } from './core/compare.js';
import { readModelPath } from './pte/read.js';

export type PipelineEvent =
  | { readonly kind: 'stage'; readonly verb: string; readonly detail: string }
  | { readonly kind: 'note'; readonly text: string };

export type EventSink = (event: PipelineEvent) => void;

export interface LoadedModel {
  readonly path: string;
  readonly name: string;
  readonly sha256: string;
  readonly program: Program;
  readonly bundled: BundledProgram | null;
}

export async function loadModel(modelPath: string, dataPath?: string): Promise<LoadedModel> {
  const file = await readModelPath(modelPath, dataPath === undefined ? {} : { dataPath });
  if (file.kind === 'data') {
    throw new EtbError('ETB1202', `${modelPath} is a data file (.ptd), not a program`, {
      hints: ['give the .pte as MODEL and this file with --data'],
    });
  }
  const sha256 = createHash('sha256').update(readFileSync(modelPath)).digest('hex');
  const name = basename(modelPath).replace(/\.(b?pte)$/i, '');
  return { path: modelPath, name, sha256, program: file.program, bundled: file.kind === 'bundled' ? file.bundled : null };
}

/** Writes a folder atomically: everything goes to a sibling temp folder that replaces `dir` only when complete. */
export async function writeFolderAtomically(dir: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const parent = dirname(resolve(dir));
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, `.${basename(dir)}.tmp-`));
  try {
    await fill(tmp);
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

export function writeProject(root: string, project: GeneratedProject): void {
  for (const file of project.files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
}

export const HOST_CFLAGS = ['-std=c11', '-Wall', '-Wextra', '-Werror', '-O2', '-ffp-contract=off'];

export interface HostBuildOptions {
  readonly methods?: readonly string[];
  /** Extra compiler flags, e.g. sanitizers. */
  readonly cflags?: readonly string[];
  readonly onEvent?: EventSink;
}

export interface HostBuild {
  readonly dir: string;
  readonly runner: string;
  readonly analysis: Analysis;
  readonly project: GeneratedProject;
  readonly manifest: BuildManifest;
}

/** Compiles a generated project with the host's gcc into dir/model_runner. */
export async function compileHost(dir: string, project: GeneratedProject, cflags: readonly string[] = []): Promise<string> {
  const runner = join(dir, 'model_runner');
  const hostMain = join(RUNTIME_C_DIR, 'host', 'host_main.c');
  const args = [
    ...HOST_CFLAGS, ...cflags,
    ...project.includeDirs.map((d) => `-I${join(dir, d)}`),
    ...project.sources.map((s) => join(dir, s)),
    hostMain, '-lm', '-o', runner,
  ];
  const result = await runTool('gcc', args, { allowFailure: true });
  if (result.exitCode !== 0) {
    throw new EtbError('ETB3003', `the generated C did not compile for the host:\n${tail(result.output)}`, {
      hints: ['this is a bug in etbuild: please report it with the model'],
    });
  }
  return runner;
}

export async function buildHost(model: LoadedModel, outDir: string, options: HostBuildOptions = {}): Promise<HostBuild> {
  const emit = options.onEvent ?? (() => {});
  emit({ kind: 'stage', verb: 'Analysing', detail: `${model.name} (${model.program.methods.length} method(s))` });
  const analysis = analyse(model.program, options.methods ? { methods: options.methods } : {});
  emit({ kind: 'stage', verb: 'Generating', detail: `C for ${analysis.methods.length} method(s), ${analysis.kernelSources.length} kernel file(s)` });
  const project = generate(analysis, { etbuildVersion: VERSION, modelName: model.name, sha256: model.sha256 });
  const board = resolveBoard('host');
  const manifest: BuildManifest = {
    etbuild: VERSION,
    board,
    model: { file: basename(model.path), sha256: model.sha256 },
    mode: 'run',
    artefacts: { executable: 'model_runner', log: 'build.log' },
    memory: null,
    runner: { protocol: 'etb-v1', console: board.console.kind, baud: null, qemuMachine: null, flashRunners: [] },
  };
  await writeFolderAtomically(outDir, async (tmp) => {
    writeProject(tmp, project);
    emit({ kind: 'stage', verb: 'Compiling', detail: 'host runner with gcc' });
    await compileHost(tmp, project, options.cflags ?? []);
    writeFileSync(join(tmp, 'build.log'), '');
    writeFileSync(join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  });
  return { dir: outDir, runner: join(outDir, 'model_runner'), analysis, project, manifest };
}

export interface HostRunResult {
  readonly outputs: readonly Uint8Array[];
}

/** Runs one method of a host build on input files; returns the outputs (also left in outputsDir). */
export async function runHost(build: { runner: string }, method: string, inputsDir: string, outputsDir: string): Promise<HostRunResult> {
  mkdirSync(outputsDir, { recursive: true });
  const result = await runTool(build.runner, [method, inputsDir, outputsDir], { allowFailure: true });
  if (result.exitCode !== 0) {
    const text = result.output;
    if (/input-size|input-missing/.test(text)) {
      throw new EtbError('ETB1203', `inputs in ${inputsDir} do not fit method ${method}: ${text.trim()}`, {
        hints: ['each input i is a file i.bin of raw little-endian bytes in memory order; `etbuild inspect MODEL` shows the shapes'],
      });
    }
    throw new EtbError('ETB2120', `method ${method} failed on the host: ${text.trim() || `exit code ${result.exitCode}`}`, {
      location: { method },
    });
  }
  const count = Number(/ETB v1 done status=0 outputs=(\d+)/.exec(result.output)?.[1] ?? 'NaN');
  if (!Number.isInteger(count)) throw new EtbError('ETB9120', `the host runner did not report its outputs: ${result.output}`);
  const outputs = Array.from({ length: count }, (_, i) => readFileSync(join(outputsDir, `${i}.bin`)));
  return { outputs };
}

export interface BuildRequest {
  readonly modelPath: string;
  /** A board id or a board .json file. */
  readonly board: string;
  readonly outDir: string;
  readonly dataPath?: string;
  readonly methods?: readonly string[];
  /** Firmware mode: run (the default) or bench (timers and per-operator counts). */
  readonly mode?: FirmwareMode;
  /** gcc: etbuild's own startup and drivers (default); zephyr: a Zephyr application. */
  readonly backend?: 'gcc' | 'zephyr';
  /** A fixed stack in bytes (gcc backend); by default it is the firmware's computed worst case. */
  readonly stackSize?: number;
  readonly onEvent?: EventSink;
}

export interface BuildOutcome {
  readonly dir: string;
  readonly model: LoadedModel;
  readonly board: Board;
  readonly analysis: Analysis;
  /** Lines for the terminal: what was built and how much memory it takes. */
  readonly summary: readonly string[];
  /** The native runner of a host build, null for firmware. */
  readonly host: HostBuild | null;
  readonly manifest: BuildManifest;
}

/** Static RAM a program needs besides its planned buffers: storage of unplanned inputs/outputs. */
function unplannedBytes(analysis: Analysis): number {
  return analysis.methods.reduce((sum, m) => sum + m.unplannedTensors.reduce((s, i) => {
    const v = m.method.values[i];
    return s + (v?.kind === 'Tensor' ? tensorNbytes(v) : 0);
  }, 0), 0);
}

/** The main job: read, analyse, generate and build MODEL for a board. */
export async function build(request: BuildRequest): Promise<BuildOutcome> {
  const emit = request.onEvent ?? (() => {});
  const board = resolveBoard(request.board);
  if (request.stackSize !== undefined) checkStackSize(request.stackSize, board, request.backend ?? 'gcc');
  emit({ kind: 'stage', verb: 'Reading', detail: request.modelPath });
  const model = await loadModel(request.modelPath, request.dataPath);
  if (board.toolchain === 'host') {
    const host = await buildHost(model, request.outDir, {
      ...(request.methods ? { methods: request.methods } : {}),
      onEvent: emit,
    });
    const summary = host.analysis.methods.map((m) => `${m.method.name}: ${m.calls.length} kernel call(s), ${formatBytes(m.plannedBytes)} planned`);
    return {
      dir: request.outDir, model, board, analysis: host.analysis, host, manifest: host.manifest,
      summary: [...summary, `constants: ${formatBytes(host.analysis.constantBytes)}`],
    };
  }
  emit({ kind: 'stage', verb: 'Analysing', detail: `${model.name} (${model.program.methods.length} method(s)) for ${board.id}` });
  const analysis = analyse(model.program, request.methods ? { methods: request.methods } : {});
  const fit = {
    plannedBytes: analysis.methods.reduce((a, m) => a + m.plannedBytes, 0),
    constantBytes: analysis.constantBytes,
    dataBytes: unplannedBytes(analysis),
  };
  checkFit(board, { ...fit, stackBytes: fixedStackSize(board, request.stackSize) ?? 0 });
  emit({ kind: 'stage', verb: 'Generating', detail: `C for ${analysis.methods.length} method(s), ${analysis.kernelSources.length} kernel file(s)` });
  const project = generate(analysis, { etbuildVersion: VERSION, modelName: model.name, sha256: model.sha256 });
  if (request.backend === 'zephyr') return buildZephyrBackend(request, model, board, analysis, project);
  const staging = mkdtempSync(join(tmpdir(), 'etb-project-'));
  try {
    writeProject(staging, project);
    emit({ kind: 'stage', verb: 'Compiling', detail: `${board.id} firmware with arm-none-eabi-gcc (${board.cpu.core})` });
    const result = await buildFirmware({
      board,
      generatedDir: staging,
      sources: project.sources,
      includeDirs: project.includeDirs,
      outDir: request.outDir,
      mode: request.mode ?? 'run',
      model: { file: basename(model.path), sha256: model.sha256 },
      fit,
      ...(request.stackSize === undefined ? {} : { stackSize: request.stackSize }),
    });
    for (const warning of result.manifest.memory?.stack?.warnings ?? []) emit({ kind: 'note', text: `warning: ${warning}` });
    const report = await reportForBuild({ analysis, buildDir: result.dir });
    writeFileSync(join(result.dir, REPORT_FILE), renderReportHtml(report));
    const memory = result.manifest.memory;
    return {
      dir: result.dir, model, board, analysis, host: null, manifest: result.manifest,
      summary: [
        `firmware: ${join(request.outDir, 'firmware.elf')} (.bin, .hex, .map, report.html)`,
        ...(memory ? memorySummary(memory) : []),
        ...(memory?.stack ? [describeStack(memory.stack)] : []),
      ],
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** --stack-size: a whole number of 8-byte units (the stack pointer's alignment), for the gcc backend. */
function checkStackSize(bytes: number, board: Board, backend: 'gcc' | 'zephyr'): void {
  const problem = board.toolchain === 'host' || backend !== 'gcc'
    ? `it sizes the stack of firmware built by etbuild's gcc backend, not of a ${board.toolchain === 'host' ? 'host' : 'Zephyr'} build`
    : !Number.isInteger(bytes) || bytes < 256 ? 'it must be a whole number of bytes, at least 256'
      : bytes % 8 !== 0 ? `it must be a multiple of 8 (the stack pointer's alignment), e.g. ${Math.ceil(bytes / 8) * 8}` : undefined;
  if (problem !== undefined) {
    throw new EtbError('ETB1111', `--stack-size ${bytes}: ${problem}`, {
      hints: ['without --stack-size, etbuild sizes the stack from the firmware\'s computed worst case'],
    });
  }
}

/** --backend zephyr: a Zephyr application, built with west when it is there. */
async function buildZephyrBackend(request: BuildRequest, model: LoadedModel, board: Board, analysis: Analysis, project: GeneratedProject): Promise<BuildOutcome> {
  const emit = request.onEvent ?? (() => {});
  const app = generateZephyrApp({ project, board, model: { name: model.name, sha256: model.sha256 }, etbuildVersion: VERSION, mode: request.mode ?? 'run' });
  emit({ kind: 'stage', verb: 'Generating', detail: `Zephyr application for ${app.zephyrBoard}` });
  await writeFolderAtomically(request.outDir, async (tmp) => writeZephyrApp(tmp, app));
  const result = await buildZephyr(request.outDir, app.zephyrBoard, { board });
  const built = result.status === 'built';
  const manifest: BuildManifest = {
    etbuild: VERSION,
    board,
    model: { file: basename(model.path), sha256: model.sha256 },
    mode: request.mode ?? 'run',
    artefacts: built
      ? Object.fromEntries(Object.entries(result.artefacts).map(([k, v]) => [k, join(relative(request.outDir, result.buildDir), v)])) as unknown as BuildManifest['artefacts']
      : { log: 'build.log' },
    memory: built ? result.memory : null,
    runner: {
      protocol: 'etb-v1', console: board.console.kind, baud: board.console.baud ?? null,
      qemuMachine: null, flashRunners: board.runners.map((r) => r.name),
    },
  };
  if (!built) writeFileSync(join(request.outDir, 'build.log'), `${result.message}\n`);
  writeFileSync(join(request.outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    dir: request.outDir, model, board, analysis, host: null, manifest,
    summary: built
      ? [`zephyr: ${join(request.outDir, manifest.artefacts.elf ?? '')}`, ...(result.memory ? memorySummary(result.memory) : [])]
      : [`Zephyr application in ${request.outDir}; ${result.message}`],
  };
}

export interface CaseResult {
  readonly method: string;
  readonly index: number;
  readonly mismatches: readonly string[];
}

function bundledValueBytes(value: BundledValue): Uint8Array {
  switch (value.kind) {
    case 'Tensor': return value.data;
    case 'Bool': return Uint8Array.of(value.value ? 1 : 0);
    case 'Int': {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, BigInt(value.value), true);
      return b;
    }
    case 'Double': {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, value.value, true);
      return b;
    }
  }
}

const COMPARE_DTYPE: Partial<Record<string, string>> = { FLOAT: 'float32', DOUBLE: 'float64' };

/** Runs one method on raw inputs and returns the raw outputs, wherever the build runs. */
export type Executor = (method: string, inputs: readonly Uint8Array[]) => Promise<readonly Uint8Array[]>;

/** The host runner as an executor (through files, as the golden data is laid out). */
export function hostExecutor(hostBuild: { runner: string }): Executor {
  return async (method, inputs) => {
    const work = mkdtempSync(join(tmpdir(), 'etb-run-'));
    try {
      mkdirSync(join(work, 'in'));
      inputs.forEach((bytes, i) => writeFileSync(join(work, 'in', `${i}.bin`), bytes));
      return (await runHost(hostBuild, method, join(work, 'in'), join(work, 'out'))).outputs;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  };
}

/** A firmware build in QEMU as an executor; a failing method is a named error. */
export function qemuExecutor(buildDir: string): Executor {
  return async (method, inputs) => {
    const result = await runOnQemu({ buildDir, method, inputs });
    if (result.status !== 0) {
      throw new EtbError('ETB2120', `method ${method} failed on the device with status ${result.status}${result.failedInstruction === null ? '' : ` at instruction ${result.failedInstruction}`}`, {
        location: { method, ...(result.failedInstruction === null ? {} : { instruction: result.failedInstruction }) },
      });
    }
    return result.outputs;
  };
}

/** Reads DIR/0.bin, DIR/1.bin, ... (as many as there are, in order). */
export function readInputFiles(dir: string): Uint8Array[] {
  if (!existsSync(dir)) throw new EtbError('ETB1002', `input folder ${dir} does not exist`, { hints: ['--inputs takes a folder with 0.bin, 1.bin, ...'] });
  const inputs: Uint8Array[] = [];
  for (let i = 0; existsSync(join(dir, `${i}.bin`)); i++) inputs.push(new Uint8Array(readFileSync(join(dir, `${i}.bin`))));
  return inputs;
}

export function writeOutputFiles(dir: string, outputs: readonly Uint8Array[]): void {
  mkdirSync(dir, { recursive: true });
  outputs.forEach((bytes, i) => writeFileSync(join(dir, `${i}.bin`), bytes));
}

/** Runs a bundled program's own test cases and checks them against its expected outputs. */
export async function runBundledCases(execute: Executor, bundled: BundledProgram, onEvent?: EventSink): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const suite of bundled.suites) {
    for (const [index, testCase] of suite.testCases.entries()) {
      onEvent?.({ kind: 'stage', verb: 'Running', detail: `${suite.methodName} test case ${index}` });
      const outputs = await execute(suite.methodName, testCase.inputs.map(bundledValueBytes));
      const mismatches: string[] = [];
      testCase.expectedOutputs.forEach((expected, i) => {
        const actual = outputs[i];
        if (!actual) { mismatches.push(`output ${i} is missing`); return; }
        const dtype = expected.kind === 'Tensor' ? (COMPARE_DTYPE[expected.dtype] ?? 'exact') : expected.kind === 'Double' ? 'float64' : 'exact';
        // The tolerance bundled programs are verified with upstream.
        const problem = compareOutput(actual, bundledValueBytes(expected), dtype, { rtol: 1e-5, atol: 1e-8 });
        if (problem) mismatches.push(`output ${i}: ${problem}`);
      });
      results.push({ method: suite.methodName, index, mismatches });
    }
  }
  return results;
}
