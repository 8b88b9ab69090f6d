// The result of one benchmark as plain data: what ran where, the count per inference and per
// kernel call. It is the --json document and the build folder's bench.json, which the build
// report reads: its `method`, `timer` and `ops[].{instruction, name, cycles}` are a BenchProfile
// (src/report/model.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Summary } from './stats.js';

export const BENCH_FILE = 'bench.json';

/**
 * What the counts are. Hardware counts core clock cycles (DWT, or SysTick on the CPU clock where
 * there is no DWT). QEMU emulates no cycles: with -icount its SysTick advances with the executed
 * instructions, a repeatable count proportional to them, so the unit is "instructions".
 */
export type BenchUnit = 'cycles' | 'instructions';

export type BenchTarget =
  | { readonly kind: 'qemu'; readonly machine: string; readonly icountShift: number }
  | { readonly kind: 'serial'; readonly port: string; readonly baud: number };

export interface BenchOp extends Summary {
  readonly instruction: number;
  /** The operator, e.g. "aten::add.out". */
  readonly name: string;
  /** The median again, under the name the build report's BenchProfile reads (in `unit`). */
  readonly cycles: number;
  /** Share of the kernels' total (sum of the medians), 0..1. */
  readonly share: number;
}

export interface BenchReport {
  /** The etbuild version that ran the benchmark. */
  readonly etbuild: string;
  readonly model: { readonly file: string; readonly sha256: string };
  readonly board: string;
  readonly method: string;
  readonly target: BenchTarget;
  /** The firmware's timer ("dwt" or "systick"), as its hello line says. */
  readonly timer: string;
  readonly unit: BenchUnit;
  /** The core clock the firmware was built for (turns cycles into time on hardware). */
  readonly clockHz: number | null;
  /** The folder the inputs came from, or null: every input was zeros. */
  readonly inputs: string | null;
  readonly warmup: number;
  /** Timed runs; as many profiled runs follow, each timing every kernel call. */
  readonly iterations: number;
  readonly inference: Summary & { readonly counts: readonly number[] };
  /** One entry per executed kernel call, in execution order. */
  readonly ops: readonly BenchOp[];
  /** The kernels' total (sum of the op medians) and its share of the median inference. */
  readonly kernels: { readonly total: number; readonly shareOfInference: number };
}

export function writeBenchFile(buildDir: string, report: BenchReport): string {
  const file = join(buildDir, BENCH_FILE);
  writeFileSync(file, renderBenchJson(report));
  return file;
}

/** The last benchmark of a build folder, or null when it has none. */
export function readBenchFile(buildDir: string): BenchReport | null {
  try {
    return JSON.parse(readFileSync(join(buildDir, BENCH_FILE), 'utf8')) as BenchReport;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function renderBenchJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
