// `etbuild bench` end to end under QEMU, through a real pty opened with serialport (the code path
// of a board): real corpus programs built in bench mode for stm32f4 (QEMU netduinoplus2). The
// truth it is checked against: the program's kernel calls as the .pte lists them, the outputs of
// the real ExecuTorch runtime (../shared/golden), and a second run (QEMU -icount must give the
// same counts every time).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { readBenchFile, type BenchReport } from '../../src/bench/report.js';
import { benchBuild } from '../../src/bench/run.js';
import { benchCommand } from '../../src/cli/commands/bench.js';
import type { CliIo, GlobalOptions } from '../../src/cli/io.js';
import { compareOutput } from '../../src/core/compare.js';
import { EtbError } from '../../src/core/errors.js';
import { startQemuOnPty } from '../../src/device/qemu-pty.js';
import { build } from '../../src/pipeline.js';
import { readModelPath } from '../../src/pte/read.js';
import { buildReport } from '../../src/report/model.js';
import { readManifest } from '../../src/toolchain/manifest.js';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';

const work = mkdtempSync(join(tmpdir(), 'etb-bench-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `etbuild bench ARGV` in-process (the lead registers the command in main.ts; this parses it alone). */
async function etbuildBench(argv: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, isTty: false, env: {} };
  const globals: GlobalOptions = { verbose: false, quiet: false, reporter: 'plain', color: false };
  await (yargs(['bench', ...argv]) as unknown as Argv<GlobalOptions>)
    .strict()
    .exitProcess(false)
    .fail((message, error) => { throw error ?? new Error(message); })
    .command(benchCommand.command as string, benchCommand.describe, benchCommand.builder, async (args) => {
      await benchCommand.run({ ...args, ...globals }, io);
    })
    .parseAsync();
  return { stdout, stderr };
}

/** The kernel calls of a method's first chain, as the .pte lists them: [instruction, "op.overload"]. */
function kernelCalls(model: string, method = 'forward'): [number, string][] {
  const file = readModelPath(sharedPath('pte-corpus', `${model}.pte`));
  if (file.kind !== 'program') throw new Error(`${model} is not a program`);
  const found = file.program.methods.find((m) => m.name === method)!;
  return found.chains[0]!.instructions.flatMap((ins, i): [number, string][] => {
    if (ins.kind !== 'KernelCall') return [];
    const op = found.operators[ins.opIndex]!;
    return [[i, `${op.name}.${op.overload}`]];
  });
}

/** Problems comparing outputs with the real runtime's (floats within 1e-5 + 1e-5*|b|, as the host golden test). */
function goldenMismatches(model: string, outputs: readonly Uint8Array[]): string[] {
  const dir = sharedPath('golden', model);
  const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { outputs: { dtype: string }[] };
  if (outputs.length !== spec.outputs.length) return [`${outputs.length} outputs, expected ${spec.outputs.length}`];
  return spec.outputs.flatMap((o, i) => {
    const problem = compareOutput(outputs[i]!, new Uint8Array(readFileSync(join(dir, 'outputs', `${i}.bin`))), o.dtype, { rtol: 1e-5, atol: 1e-5 });
    return problem === null ? [] : [`output ${i}: ${problem}`];
  });
}

function readOutputs(dir: string): Uint8Array[] {
  return readdirSync(dir).sort((a, b) => parseInt(a, 10) - parseInt(b, 10)).map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

/** Processes whose command line mentions `text` (QEMU instances of one build). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/u.test(p)).flatMap((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text) ? [Number(pid)] : [];
    } catch {
      return []; // exited meanwhile
    }
  });
}

function qemuTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('etb-qemu-'));
}

describe.skipIf(!sharedAvailable)('etbuild bench under QEMU through a pty', () => {
  const dnfDir = join(work, 'dnf-ecg-filter5');
  beforeAll(async () => {
    await build({ modelPath: sharedPath('pte-corpus', 'dnf-ecg-filter5.pte'), board: 'stm32f4', outDir: dnfDir, mode: 'bench' });
  });

  test('arduino-add: MODEL -b BOARD builds and benchmarks; -d DIR again gives the identical counts', async () => {
    const dir = join(work, 'arduino-add');
    const outputs = join(work, 'arduino-add-outputs');
    const first = await etbuildBench([
      sharedPath('pte-corpus', 'arduino-add.pte'), '-b', 'stm32f4', '-d', dir, '--qemu',
      '-n', '3', '--warmup', '1', '--json', '--inputs', sharedPath('golden', 'arduino-add', 'inputs'), '--outputs', outputs,
    ]);
    const report = JSON.parse(first.stdout) as BenchReport;
    expect(report).toMatchObject({
      model: { file: 'arduino-add.pte' }, board: 'stm32f4', method: 'forward',
      target: { kind: 'qemu', machine: 'netduinoplus2', icountShift: 3 },
      timer: 'systick', unit: 'instructions', warmup: 1, iterations: 3,
    });
    expect(report.ops.map((op) => [op.instruction, op.name])).toEqual(kernelCalls('arduino-add'));
    expect(report.inference.counts).toHaveLength(3);
    for (const count of [...report.inference.counts, ...report.ops.map((op) => op.median)]) expect(count).toBeGreaterThan(0);
    expect(report.ops[0]!.median).toBeLessThan(report.inference.median);
    expect(goldenMismatches('arduino-add', readOutputs(outputs))).toEqual([]);
    expect(readBenchFile(dir)).toEqual(report);
    expect(first.stderr).toContain('benchmarking:');

    const second = await etbuildBench(['-d', dir, '--qemu', '-n', '3', '--warmup', '1', '--inputs', sharedPath('golden', 'arduino-add', 'inputs')]);
    const again = readBenchFile(dir)!;
    expect(again.inference.counts).toEqual(report.inference.counts);
    expect(again.ops).toEqual(report.ops);
    // The table shows what bench.json holds.
    expect(second.stdout).toContain('Unit        instructions (QEMU -icount shift=3');
    expect(second.stdout).toMatch(new RegExp(`1 +aten::add\\.out +0 +${again.ops[0]!.median} +100\\.0%`, 'u'));

    const zeros = await etbuildBench(['-d', dir, '--qemu', '-n', '1', '--warmup', '0']);
    expect(zeros.stderr).toContain('note: no --inputs given: every input is zeros');
    expect(zeros.stdout).toContain('Inputs      zeros (no --inputs given)');
    expect(readBenchFile(dir)!.inputs).toBeNull();
  });

  test('dnf-ecg-filter5: every kernel call in program order, golden outputs, and identical counts on a second run', async () => {
    const options = {
      buildDir: dnfDir, connection: { kind: 'qemu' } as const, warmup: 1, iterations: 4,
      inputsDir: sharedPath('golden', 'dnf-ecg-filter5', 'inputs'), collectOutputs: true,
    };
    const first = await benchBuild(options);
    const calls = kernelCalls('dnf-ecg-filter5');
    expect(calls.length).toBeGreaterThan(50);
    expect(first.report.ops.map((op) => [op.instruction, op.name])).toEqual(calls);
    for (const op of first.report.ops) expect(op.min).toBeGreaterThan(0);
    expect(first.report.ops.reduce((sum, op) => sum + op.share, 0)).toBeCloseTo(1, 9);
    expect(goldenMismatches('dnf-ecg-filter5', first.outputs!)).toEqual([]);

    const second = await benchBuild(options);
    expect(second.report.inference.counts).toEqual(first.report.inference.counts);
    expect(second.report.ops.map((op) => op.median)).toEqual(first.report.ops.map((op) => op.median));
    expect(goldenMismatches('dnf-ecg-filter5', second.outputs!)).toEqual([]);

    // bench.json is a profile the build report takes: its operator rows get the counts.
    const manifest = readManifest(dnfDir);
    const file = readModelPath(sharedPath('pte-corpus', 'dnf-ecg-filter5.pte'));
    if (file.kind !== 'program') throw new Error('not a program');
    const operators = buildReport({ analysis: analyse(file.program), manifest, bench: readBenchFile(dnfDir)! }).operators;
    expect(operators.basis).toBe('cycles');
    const mm = second.report.ops.filter((op) => op.name === 'aten::mm.out').reduce((sum, op) => sum + op.median, 0);
    expect(operators.rows.find((row) => row.op === 'aten::mm.out')?.cycles).toBe(mm);
  });

  test('the console is a /dev/pts device opened with serialport; closing stops QEMU and removes the pty', async () => {
    const manifest = readManifest(dnfDir);
    const before = qemuTempDirs();
    const qemu = await startQemuOnPty({ board: manifest.board, elf: join(dnfDir, 'firmware.elf'), deterministicTime: true });
    try {
      expect(qemu.ptyPath).toMatch(/^\/dev\/pts\/\d+$/u);
      expect(qemu.port.isOpen).toBe(true);
      const hello = new TextDecoder().decode(await qemu.port.readExactly(64, 5000));
      expect(hello).toContain('ETB v1 hello board=stm32f4 model=dnf-ecg-filter5');
    } finally {
      await qemu.close();
    }
    expect((await qemu.exited).signal).toBe('SIGKILL');
    expect(processesMentioning(join(dnfDir, 'firmware.elf'))).toEqual([]);
    expect(qemuTempDirs()).toEqual(before);
  });

  test('-p PORT, the board path, on QEMU\'s pty opened late: it asks for the hello and counts as the --qemu path does', async () => {
    const manifest = readManifest(dnfDir);
    const inputsDir = sharedPath('golden', 'dnf-ecg-filter5', 'inputs');
    const viaQemu = (await benchBuild({ buildDir: dnfDir, connection: { kind: 'qemu' }, warmup: 1, iterations: 2, inputsDir })).report;
    const qemu = await startQemuOnPty({ board: manifest.board, elf: join(dnfDir, 'firmware.elf'), deterministicTime: true });
    try {
      await qemu.port.close(); // the boot hello is gone: like a board that started before the port was opened
      const { stdout } = await etbuildBench([
        '-d', dnfDir, '-p', qemu.ptyPath, '-n', '2', '--warmup', '1', '--json', '--inputs', inputsDir,
      ]);
      const report = JSON.parse(stdout) as BenchReport;
      // A port cannot tell an emulator from a board: the counts are labelled cycles here.
      expect(report).toMatchObject({ target: { kind: 'serial', port: qemu.ptyPath, baud: 115200 }, unit: 'cycles', clockHz: 16_000_000 });
      expect(report.inference.counts).toEqual(viaQemu.inference.counts);
      expect(report.ops).toEqual(viaQemu.ops);
    } finally {
      await qemu.close();
    }
  });

  test('a benchmark that runs out of time stops QEMU and leaves no process, socket or log behind', async () => {
    const before = qemuTempDirs();
    const error = await benchBuild({ buildDir: dnfDir, connection: { kind: 'qemu' }, warmup: 0, iterations: 100_000, timeoutMs: 3000 })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EtbError);
    expect((error as EtbError).code).toBe('ETB4106');
    expect(processesMentioning(join(dnfDir, 'firmware.elf'))).toEqual([]);
    expect(qemuTempDirs()).toEqual(before);
  });

  test('QEMU that cannot start is a named error with its stderr, and leaves nothing behind', async () => {
    const before = qemuTempDirs();
    const error = await startQemuOnPty({ board: readManifest(dnfDir).board, elf: join(work, 'missing.elf'), deterministicTime: true })
      .then(() => undefined, (e: unknown) => e);
    expect((error as EtbError).code).toBe('ETB4108');
    expect((error as EtbError).message).toContain('QEMU exited (code 1) before the firmware started');
    expect((error as EtbError).hints[0]).toContain('missing.elf');
    expect(qemuTempDirs()).toEqual(before);
  });

  test('a folder that holds a run build is refused before QEMU starts', async () => {
    const runDir = join(work, 'run-build');
    mkdirSync(runDir);
    writeFileSync(join(runDir, 'etbuild.json'), JSON.stringify({ ...readManifest(dnfDir), mode: 'run' }));
    const error = await benchBuild({ buildDir: runDir, connection: { kind: 'qemu' } }).then(() => undefined, (e: unknown) => e);
    expect((error as EtbError).code).toBe('ETB1301');
    expect((error as EtbError).hints[0]).toContain('etbuild bench MODEL.pte -b BOARD');
  });

  test('bench needs exactly one of --qemu and -p PORT', async () => {
    for (const argv of [['-d', dnfDir], ['-d', dnfDir, '--qemu', '-p', '/dev/ttyACM0']]) {
      const error = await etbuildBench(argv).then(() => undefined, (e: unknown) => e);
      expect((error as EtbError).code).toBe('ETB1303');
    }
    const badCount = await etbuildBench(['-d', dnfDir, '--qemu', '-n', '0']).then(() => undefined, (e: unknown) => e);
    expect((badCount as EtbError).message).toBe('--iterations must be a whole number of at least 1, not 0');
  });
});
