// The one-way flow, strung together: read → analyse → generate → build → run. Each stage returns
// plain data; this module only sequences them, writes the build folder atomically and emits
// progress events for the CLI to render.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { analyse, type Analysis } from './analysis/analyse.js';
import { EtbError } from './core/errors.js';
import { RUNTIME_C_DIR } from './core/paths.js';
import { VERSION } from './core/version.js';
import { generate, type GeneratedProject } from './codegen/generate.js';
import type { BundledProgram, BundledValue, Program } from './pte/model.js';
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
  try {
    await execa('gcc', args, { all: true });
  } catch (error) {
    const e = error as { code?: string; all?: string };
    if (e.code === 'ENOENT') {
      throw new EtbError('ETB3101', 'gcc was not found', { hints: ['install it: apt-get install gcc'] });
    }
    throw new EtbError('ETB3102', `the generated C did not compile:\n${e.all ?? String(error)}`, {
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
  let runner = '';
  await writeFolderAtomically(outDir, async (tmp) => {
    writeProject(tmp, project);
    emit({ kind: 'stage', verb: 'Compiling', detail: 'host runner with gcc' });
    await compileHost(tmp, project, options.cflags ?? []);
    writeFileSync(join(tmp, 'etbuild.json'), JSON.stringify({
      etbuild: VERSION,
      board: { id: 'host' },
      model: { file: basename(model.path), sha256: model.sha256 },
      artefacts: { runner: 'model_runner' },
      methods: analysis.methods.map((m) => ({ name: m.method.name, plannedBytes: m.plannedBytes })),
      constantBytes: analysis.constantBytes,
    }, null, 2) + '\n');
  });
  runner = join(outDir, 'model_runner');
  return { dir: outDir, runner, analysis, project };
}

export interface HostRunResult {
  readonly outputs: readonly Uint8Array[];
}

/** Runs one method of a host build on input files; returns the outputs (also left in outputsDir). */
export async function runHost(build: { runner: string }, method: string, inputsDir: string, outputsDir: string): Promise<HostRunResult> {
  mkdirSync(outputsDir, { recursive: true });
  const result = await execa(build.runner, [method, inputsDir, outputsDir], { reject: false, all: true });
  if (result.exitCode !== 0) {
    const text = result.all ?? '';
    if (/input-size|input-missing/.test(text)) {
      throw new EtbError('ETB1203', `inputs in ${inputsDir} do not fit method ${method}: ${text.trim()}`, {
        hints: ['each input i is a file i.bin of raw little-endian bytes in memory order; `etbuild inspect MODEL` shows the shapes'],
      });
    }
    throw new EtbError('ETB2120', `method ${method} failed on the host: ${text.trim() || `exit code ${result.exitCode}`}`, {
      location: { method },
    });
  }
  const count = Number(/ETB v1 done status=0 outputs=(\d+)/.exec(result.all ?? '')?.[1] ?? 'NaN');
  if (!Number.isInteger(count)) throw new EtbError('ETB9120', `the host runner did not report its outputs: ${result.all ?? ''}`);
  const outputs = Array.from({ length: count }, (_, i) => readFileSync(join(outputsDir, `${i}.bin`)));
  return { outputs };
}

export interface BuildRequest {
  readonly modelPath: string;
  readonly board: string;
  readonly outDir: string;
  readonly dataPath?: string;
  readonly methods?: readonly string[];
  readonly onEvent?: EventSink;
}

export interface BuildOutcome {
  readonly dir: string;
  readonly model: LoadedModel;
  /** Lines for the terminal: what was built and how much memory it takes. */
  readonly summary: readonly string[];
  readonly host: HostBuild | null;
}

export async function build(request: BuildRequest): Promise<BuildOutcome> {
  const emit = request.onEvent ?? (() => {});
  emit({ kind: 'stage', verb: 'Reading', detail: request.modelPath });
  const model = await loadModel(request.modelPath, request.dataPath);
  if (request.board !== 'host') {
    throw new EtbError('ETB1204', `board ${request.board} is not available yet`, { hints: ['use --board host'] });
  }
  const host = await buildHost(model, request.outDir, {
    ...(request.methods ? { methods: request.methods } : {}),
    onEvent: emit,
  });
  const summary = host.analysis.methods.map((m) =>
    `${m.method.name}: ${m.calls.length} kernel call(s), ${m.plannedBytes} B planned memory`);
  return { dir: request.outDir, model, summary: [...summary, `constants: ${host.analysis.constantBytes} B`], host };
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

/** Runs a bundled program's own test cases and checks them against its expected outputs. */
export async function runBundledCases(hostBuild: HostBuild, bundled: BundledProgram, onEvent?: EventSink): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const work = mkdtempSync(join(tmpdir(), 'etb-bundled-'));
  try {
    for (const suite of bundled.suites) {
      for (const [index, testCase] of suite.testCases.entries()) {
        onEvent?.({ kind: 'stage', verb: 'Running', detail: `${suite.methodName} test case ${index}` });
        const inputs = join(work, `${suite.methodName}-${index}-in`);
        mkdirSync(inputs, { recursive: true });
        testCase.inputs.forEach((v, i) => writeFileSync(join(inputs, `${i}.bin`), bundledValueBytes(v)));
        const { outputs } = await runHost(hostBuild, suite.methodName, inputs, join(work, `${suite.methodName}-${index}-out`));
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
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}
