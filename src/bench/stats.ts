// The statistics of a benchmark: pure functions over the counts the firmware reported. The
// median is the headline number (an interrupt or a cache miss in one run moves the mean, not
// the median); min and max show the spread.
import { EtbError } from '../core/errors.js';
import { PROTOCOL_ERROR_CODES } from '../device/protocol.js';

export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** The middle value; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('the median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('a summary of no values');
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
  };
}

/** One operator line of a profiled run (`ETB v1 op i=7 name=aten::add.out cycles=123`). */
export interface OpSample {
  readonly instruction: number;
  readonly name: string;
  readonly cycles: number;
}

/** One executed kernel call and its count in each profiled run. */
export interface OpSeries {
  readonly instruction: number;
  readonly name: string;
  readonly counts: readonly number[];
}

/**
 * Lines up the operator lines of several profiled runs: the k-th kernel call of every run must be
 * the same instruction (the same inputs take the same path through the program).
 */
export function collateProfiles(runs: readonly (readonly OpSample[])[]): OpSeries[] {
  const first = runs[0];
  if (first === undefined) return [];
  runs.forEach((run, r) => {
    const differs = run.length !== first.length || run.some((op, k) => op.instruction !== first[k]!.instruction || op.name !== first[k]!.name);
    if (differs) {
      throw new EtbError(PROTOCOL_ERROR_CODES.unexpected, `profiled run ${r + 1} executed other kernel calls than run 1 (${describe(run)} instead of ${describe(first)})`, {
        hints: ['the same inputs must take the same path through the program: check that nothing else writes to the inputs between runs'],
      });
    }
  });
  return first.map((op, k) => ({ instruction: op.instruction, name: op.name, counts: runs.map((run) => run[k]!.cycles) }));
}

function describe(run: readonly OpSample[]): string {
  const shown = run.slice(0, 4).map((op) => `${op.instruction}:${op.name}`).join(', ');
  return `${run.length} call(s)${shown === '' ? '' : `: ${shown}${run.length > 4 ? ', ...' : ''}`}`;
}

export interface OpStats extends Summary {
  readonly instruction: number;
  readonly name: string;
  /** This call's median over the sum of every call's median, 0..1. */
  readonly share: number;
}

/** Per kernel call: its summary and its share of the kernels' total (in execution order). */
export function opStats(series: readonly OpSeries[]): OpStats[] {
  const summaries = series.map((op) => summarize(op.counts));
  const total = summaries.reduce((sum, s) => sum + s.median, 0);
  return series.map((op, k) => ({
    instruction: op.instruction,
    name: op.name,
    ...summaries[k]!,
    share: total === 0 ? 0 : summaries[k]!.median / total,
  }));
}
