// The bench table and the JSON document, for a hand-made result: what ran where, the unit
// (instructions under QEMU, cycles on a board), per-inference and per-call statistics.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { renderBenchTable } from '../../src/bench/render.js';
import { BENCH_FILE, readBenchFile, renderBenchJson, writeBenchFile, type BenchReport } from '../../src/bench/report.js';

const qemuReport: BenchReport = {
  etbuild: '0.1.0',
  model: { file: 'mlp.pte', sha256: 'ab'.repeat(32) },
  board: 'stm32f4',
  method: 'forward',
  target: { kind: 'qemu', machine: 'netduinoplus2', icountShift: 3 },
  timer: 'systick',
  unit: 'instructions',
  clockHz: 16_000_000,
  inputs: null,
  warmup: 2,
  iterations: 4,
  inference: { median: 1250.5, min: 1200, max: 1300, mean: 1250.5, counts: [1200, 1250, 1251, 1300] },
  ops: [
    { instruction: 0, name: 'aten::mm.out', median: 900, min: 899, max: 901, mean: 900, cycles: 900, share: 0.9 },
    { instruction: 3, name: 'aten::add.out', median: 100, min: 100, max: 100, mean: 100, cycles: 100, share: 0.1 },
  ],
  kernels: { total: 1000, shareOfInference: 1000 / 1250.5 },
};

const work = mkdtempSync(join(tmpdir(), 'etb-bench-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('renderBenchTable', () => {
  test('a QEMU run: counts labelled instructions, the per-inference summary and one row per kernel call', () => {
    expect(renderBenchTable(qemuReport)).toBe([
      'Benchmark   mlp.pte forward on stm32f4 (QEMU netduinoplus2, console on a pty)',
      'Unit        instructions (QEMU -icount shift=3: SysTick in virtual time, repeatable; not cycles)',
      'Inputs      zeros (no --inputs given)',
      'Runs        2 warm-up, 4 timed, 4 profiled',
      '',
      'per inference  median   min   max',
      '               1250.5  1200  1300',
      '',
      '#  operator       instruction  median  share',
      '1  aten::mm.out             0     900  90.0%',
      '2  aten::add.out            3     100  10.0%',
      '',
      'kernels: 1000 of 1250.5 per inference (80.0%); the rest is the work between kernels (copies, control flow, timer reads)',
      '',
    ].join('\n'));
  });

  test('a board: counts are cycles of the named timer, with the time at the core clock', () => {
    const board: BenchReport = {
      ...qemuReport,
      target: { kind: 'serial', port: '/dev/ttyACM0', baud: 115200 },
      timer: 'dwt',
      unit: 'cycles',
      inputs: '/data/in',
      inference: { median: 1600, min: 1590, max: 1700, mean: 1630, counts: [1590, 1600, 1700] },
    };
    const text = renderBenchTable(board);
    expect(text).toContain('on stm32f4 (/dev/ttyACM0 at 115200 baud)');
    expect(text).toContain('Unit        cycles (dwt at 16 MHz)');
    expect(text).toContain('Inputs      /data/in');
    expect(text).toContain('= 100.0 µs per inference (median)'); // 1600 cycles at 16 MHz
    expect(text).not.toContain('instructions');
  });

  test('a firmware that profiled no kernel call says so', () => {
    expect(renderBenchTable({ ...qemuReport, ops: [], kernels: { total: 0, shareOfInference: 0 } })).toContain('no kernel calls were profiled');
  });
});

describe('the JSON document and bench.json', () => {
  test('is the report itself, and bench.json reads back equal', () => {
    expect(JSON.parse(renderBenchJson(qemuReport))).toEqual(qemuReport);
    const file = writeBenchFile(work, qemuReport);
    expect(file).toBe(join(work, BENCH_FILE));
    expect(readBenchFile(work)).toEqual(qemuReport);
  });

  test('has what the build report reads as a BenchProfile: method, timer and ops with instruction, name, cycles', () => {
    const json = JSON.parse(renderBenchJson(qemuReport)) as { method: unknown; timer: unknown; ops: Record<string, unknown>[] };
    expect(json.method).toBe('forward');
    expect(json.timer).toBe('systick');
    expect(json.ops.map(({ instruction, name, cycles }) => ({ instruction, name, cycles }))).toEqual([
      { instruction: 0, name: 'aten::mm.out', cycles: 900 },
      { instruction: 3, name: 'aten::add.out', cycles: 100 },
    ]);
  });

  test('a folder without a benchmark has none', () => {
    expect(readBenchFile(join(work, 'nothing-here'))).toBeNull();
  });
});
