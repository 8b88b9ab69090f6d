// The benchmark as a terminal table: what ran where and in which unit, the count per inference
// (median, min, max) and each kernel call's median and share.
import type { BenchReport } from './report.js';

/** An integer as is; a median between two integers with its .5. */
function count(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns: ReadonlySet<number>): string[] {
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (leftColumns.has(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

function unitText(report: BenchReport): string {
  if (report.target.kind === 'qemu') {
    return `instructions (QEMU -icount shift=${report.target.icountShift}: SysTick in virtual time, repeatable; not cycles)`;
  }
  const clock = report.clockHz === null ? '' : ` at ${report.clockHz / 1e6} MHz`;
  return `cycles (${report.timer}${clock})`;
}

function targetText(report: BenchReport): string {
  return report.target.kind === 'qemu'
    ? `QEMU ${report.target.machine}, console on a pty`
    : `${report.target.port} at ${report.target.baud} baud`;
}

export function renderBenchTable(report: BenchReport): string {
  const { inference } = report;
  const out = [
    `Benchmark   ${report.model.file} ${report.method} on ${report.board} (${targetText(report)})`,
    `Unit        ${unitText(report)}`,
    `Inputs      ${report.inputs ?? 'zeros (no --inputs given)'}`,
    `Runs        ${report.warmup} warm-up, ${report.iterations} timed, ${report.iterations} profiled`,
    '',
    ...table(['per inference', 'median', 'min', 'max'], [['', count(inference.median), count(inference.min), count(inference.max)]], new Set([0])),
  ];
  if (report.unit === 'cycles' && report.clockHz !== null && report.clockHz > 0) {
    out.push(`${''.padEnd(13)}  = ${(inference.median / report.clockHz * 1e6).toFixed(1)} µs per inference (median)`);
  }
  out.push('');
  if (report.ops.length === 0) {
    out.push('no kernel calls were profiled');
  } else {
    const rows = report.ops.map((op, k) => [String(k + 1), op.name, String(op.instruction), count(op.median), percent(op.share)]);
    out.push(...table(['#', 'operator', 'instruction', 'median', 'share'], rows, new Set([1])));
    const { total, shareOfInference } = report.kernels;
    const rest = shareOfInference < 1 ? '; the rest is the work between kernels (copies, control flow, timer reads)' : '';
    out.push('', `kernels: ${count(total)} of ${count(inference.median)} per inference (${percent(shareOfInference)})${rest}`);
  }
  return `${out.join('\n')}\n`;
}
