// The report for a terminal: a few aligned lines per section, no colour codes (the CLI's
// reporter decides about colour), the same numbers as the HTML page.
import { formatBytes } from '../toolchain/memory.js';
import { percent } from './html.js';
import type { ReportModel } from './model.js';

const BAR_WIDTH = 20;

function bar(part: number, whole: number): string {
  const filled = whole <= 0 ? 0 : Math.min(BAR_WIDTH, Math.ceil((BAR_WIDTH * part) / whole));
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()}`);
}

export function renderReportText(report: ReportModel): string {
  const lines: string[] = [`${report.model.name} on ${report.board.id} (etbuild ${report.etbuildVersion})`, ''];

  if (report.memory === null) {
    lines.push('Memory: host build, no flash or RAM regions (build for a board to see them)');
  } else {
    const { memory } = report;
    lines.push(`Memory: flash ${formatBytes(memory.flash.used)} of ${formatBytes(memory.flash.available)} (${percent(memory.flash.used, memory.flash.available)}), RAM ${formatBytes(memory.ram.used)} of ${formatBytes(memory.ram.available)} (${percent(memory.ram.used, memory.ram.available)})`);
    lines.push(...table(memory.regions.map((region) => [
      region.name,
      `${formatBytes(region.used)} / ${formatBytes(region.length)}`,
      percent(region.used, region.length),
      bar(region.used, region.length),
      region.parts.filter((p) => p.bytes > 0).sort((a, b) => b.bytes - a.bytes).map((p) => `${p.part} ${formatBytes(p.bytes)}`).join(', ') || 'empty',
    ]), new Set([1, 2])));
  }
  lines.push('');

  lines.push(`Memory plan: ${formatBytes(report.plannedBytes)} planned, ${formatBytes(report.constantBytes)} of constants`);
  const bufferRows = report.plans.flatMap((plan) => plan.buffers.map((b) => [
    plan.name,
    `buffer ${b.memoryId}`,
    formatBytes(b.size),
    `${b.tensors.length} tensors`,
    `peak in use ${formatBytes(b.peakLiveBytes)} (${percent(b.peakLiveBytes, b.size)}) at instruction ${b.peakAt}`,
  ]));
  lines.push(...(bufferRows.length === 0 ? ['  no planned memory'] : table(bufferRows, new Set([2]))));
  lines.push('');

  const { operators } = report;
  const byCycles = operators.basis === 'cycles';
  lines.push(`Operators: ${operators.totalCalls} kernel call(s), share of ${byCycles ? `cycles (${operators.bench?.method ?? ''}, ${operators.bench?.timer ?? ''})` : 'calls'}`);
  const opRows = operators.rows.map((r) => [
    r.op,
    `${r.calls}x`,
    percent(byCycles ? r.cycleShare ?? 0 : r.callShare, 1),
    ...(byCycles ? [r.cycles === null ? '-' : `${r.cycles} cycles`] : []),
    ...(r.codeBytes === null ? [] : [formatBytes(r.codeBytes)]),
    r.kernelSource,
  ]);
  const numericColumns = new Set(Array.from({ length: Math.max((opRows[0]?.length ?? 0) - 2, 0) }, (_, i) => i + 1));
  lines.push(...(opRows.length === 0 ? ['  no kernel calls'] : table(opRows, numericColumns)));
  return `${lines.join('\n')}\n`;
}
