// The report as one self-contained HTML page: inline CSS and inline SVG, no script, no font or
// image to fetch, so it opens from a build folder, a CI artefact or an e-mail the same way. All
// geometry, colours and number formatting are computed here; templates/report/report.html.hbs
// only places them (and escapes every text).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../core/paths.js';
import { formatBytes } from '../toolchain/memory.js';
import { MEMORY_PARTS, PART_LABELS, type MemoryPart } from './memory.js';
import type { ReportModel } from './model.js';
import type { PlannedBufferView, PlannedTensor } from './plan.js';

export const PART_COLOURS: Readonly<Record<MemoryPart, string>> = {
  runtime: '#7c3aed',
  kernels: '#2563eb',
  model: '#0891b2',
  constants: '#d97706',
  planned: '#059669',
  stack: '#e11d48',
  other: '#94a3b8',
};

/** Colours for the operators that produce tensors in the plan picture (dark enough for white labels). */
const OP_COLOURS = [
  '#2563eb', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c',
  '#4f46e5', '#0d9488', '#b45309', '#9333ea', '#be123c', '#0369a1', '#4d7c0f', '#a21caf',
];
const INPUT_COLOUR = '#64748b';

export function percent(part: number, whole: number): string {
  if (whole <= 0) return '–';
  const value = (100 * part) / whole;
  if (value > 0 && value < 0.1) return '<0.1%';
  return `${value.toFixed(1)}%`;
}

/** A step of 1, 2 or 5 times a power of ten giving about `ticks` intervals up to `max`. */
function decimalStep(max: number, ticks: number): number {
  const raw = Math.max(max / ticks, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

/** A power-of-two step giving about `ticks` intervals up to `max` (byte offsets read best so). */
function binaryStep(max: number, ticks: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(max / ticks, 1)));
}

const round = (value: number): number => Math.round(value * 10) / 10;

// ---- memory ----

type RegionBreakdownView = NonNullable<ReportModel['memory']>['regions'][number];

/** The region's used parts side by side, scaled so that `whole` bytes span the 1000-unit bar. */
function segments(region: RegionBreakdownView, whole: number, minWidth: number) {
  let x = 0;
  return region.parts.filter((p) => p.bytes > 0).map((p) => {
    const width = (p.bytes / Math.max(whole, 1)) * 1000;
    const segment = {
      x: round(x),
      width: round(Math.max(width, minWidth)),
      labelX: round(x + width / 2),
      label: width >= 150 ? `${p.part} ${formatBytes(p.bytes)}` : width >= 70 ? p.part : '',
      colour: PART_COLOURS[p.part],
      part: p.part,
      title: `${PART_LABELS[p.part]}: ${formatBytes(p.bytes)} (${percent(p.bytes, region.used)} of used)`,
    };
    x += width;
    return segment;
  });
}

function regionView(region: RegionBreakdownView) {
  return {
    name: region.name,
    kind: region.kind,
    origin: `0x${region.origin.toString(16).padStart(8, '0')}`,
    used: region.used,
    usedText: formatBytes(region.used),
    length: region.length,
    lengthText: formatBytes(region.length),
    freeText: formatBytes(Math.max(region.length - region.used, 0)),
    percentText: percent(region.used, region.length),
    // The thin bar is the whole region at true scale (small use stays small, but visible); the
    // wide one is the used bytes alone, split by part.
    usage: segments(region, region.length, 0.6),
    breakdown: segments(region, region.used, 0),
    empty: region.used === 0,
  };
}

function memoryView(memory: NonNullable<ReportModel['memory']>) {
  const regions = memory.regions.map(regionView);
  const partRows = MEMORY_PARTS.map((part) => ({
    part,
    label: PART_LABELS[part],
    colour: PART_COLOURS[part],
    cells: memory.regions.map((region) => {
      const bytes = region.parts.find((p) => p.part === part)?.bytes ?? 0;
      return { region: region.name, bytes, text: bytes === 0 ? '–' : formatBytes(bytes) };
    }),
  })).filter((row) => row.cells.some((c) => c.bytes > 0));
  return {
    regions,
    regionNames: memory.regions.map((r) => r.name),
    partRows,
    totals: memory.regions.map((r) => ({ region: r.name, bytes: r.used, text: formatBytes(r.used) })),
    legend: MEMORY_PARTS.filter((part) => memory.regions.some((r) => (r.parts.find((p) => p.part === part)?.bytes ?? 0) > 0))
      .map((part) => ({ part, label: PART_LABELS[part], colour: PART_COLOURS[part] })),
    bySymbols: memory.bySymbols,
  };
}

// ---- memory plan ----

const PLOT = { width: 1000, left: 74, right: 12, top: 10, bottom: 34 } as const;

function describeTensor(t: PlannedTensor): string {
  const lifetime = t.first === t.last ? `instruction ${t.first}` : `instructions ${t.first}–${t.last}`;
  const origin = t.producer ?? (t.role === 'input' ? 'method input' : t.role === 'state' ? 'state kept between runs' : 'not written by a kernel');
  return `t${t.value}: ${t.dtype}[${t.sizes.join(', ')}], ${formatBytes(t.nbytes)} at offset ${t.offset}; live ${lifetime}; ${origin}`;
}

function bufferView(method: string, instructionCount: number, buffer: PlannedBufferView, colourOf: (op: string | null) => string) {
  const columns = Math.max(instructionCount, 1);
  const height = Math.min(Math.max(190, 16 * buffer.tensors.length + 60), 420);
  const plotWidth = PLOT.width - PLOT.left - PLOT.right;
  const plotHeight = height - PLOT.top - PLOT.bottom;
  const column = plotWidth / columns;
  const scale = plotHeight / Math.max(buffer.size, 1);
  const rects = buffer.tensors.map((t) => {
    const x = PLOT.left + t.first * column + 0.5;
    const width = Math.max((t.last - t.first + 1) * column - 1, 1.5);
    const y = PLOT.top + t.offset * scale;
    const h = Math.max(t.nbytes * scale, 2);
    const label = h >= 13 && width >= 34 ? (width >= 110 ? `t${t.value} · ${formatBytes(t.nbytes)}` : `t${t.value}`) : '';
    return {
      value: t.value,
      x: round(x), y: round(y), width: round(width), height: round(h),
      colour: colourOf(t.producer),
      title: describeTensor(t),
      label,
      labelX: round(x + 5),
      labelY: round(y + Math.min(h, 40) / 2 + 4),
      offset: t.offset, nbytes: t.nbytes, first: t.first, last: t.last,
    };
  });
  const xStep = decimalStep(columns, 12);
  const xTicks = [];
  for (let i = 0; i < columns; i += xStep) xTicks.push({ label: i, x: round(PLOT.left + (i + 0.5) * column) });
  const yStep = binaryStep(buffer.size, 6);
  const yTicks = [];
  for (let offset = 0; offset <= buffer.size; offset += yStep) yTicks.push({ label: formatBytes(offset), y: round(PLOT.top + offset * scale) });
  return {
    method,
    memoryId: buffer.memoryId,
    size: buffer.size,
    sizeText: formatBytes(buffer.size),
    tensorCount: buffer.tensors.length,
    peakText: formatBytes(buffer.peakLiveBytes),
    peakPercent: percent(buffer.peakLiveBytes, buffer.size),
    peakAt: buffer.peakAt,
    instructionCount,
    height,
    plot: { left: PLOT.left, right: PLOT.width - PLOT.right, top: PLOT.top, bottom: height - PLOT.bottom, width: plotWidth, height: plotHeight, tickLabelX: PLOT.left - 8, tickLabelY: height - PLOT.bottom + 16 },
    axisLabelY: height - 4,
    peakX: round(PLOT.left + (buffer.peakAt + 0.5) * column),
    axisLabelX: round(PLOT.left + plotWidth / 2),
    rects,
    xTicks,
    yTicks,
  };
}

function planView(report: ReportModel) {
  const ops = [...new Set(report.plans.flatMap((p) => p.buffers.flatMap((b) => b.tensors.map((t) => t.producer)))).values()]
    .filter((op): op is string => op !== null);
  const colours = new Map(ops.map((op, i) => [op, OP_COLOURS[i % OP_COLOURS.length]!]));
  const colourOf = (op: string | null): string => (op === null ? INPUT_COLOUR : colours.get(op) ?? INPUT_COLOUR);
  const panels = report.plans.flatMap((plan) => plan.buffers.map((b) => bufferView(plan.name, plan.instructionCount, b, colourOf)));
  const hasInputs = report.plans.some((p) => p.buffers.some((b) => b.tensors.some((t) => t.producer === null)));
  return {
    panels,
    legend: [...ops.map((op) => ({ label: op, colour: colourOf(op) })), ...(hasInputs ? [{ label: 'method input / state', colour: INPUT_COLOUR }] : [])],
    methodsWithoutPlan: report.plans.filter((p) => p.buffers.length === 0).map((p) => p.name),
  };
}

// ---- operators ----

function operatorView(report: ReportModel) {
  const { operators } = report;
  const byCycles = operators.basis === 'cycles';
  const maxShare = Math.max(...operators.rows.map((r) => (byCycles ? r.cycleShare ?? 0 : r.callShare)), 0.0001);
  return {
    byCycles,
    basisText: byCycles && operators.bench !== null
      ? `share of cycles in one profiled run of ${operators.bench.method} (timer ${operators.bench.timer})`
      : 'share of kernel calls (run `etbuild bench` for cycles)',
    totalCalls: operators.totalCalls,
    totalCyclesText: operators.totalCycles === null ? null : operators.totalCycles.toLocaleString('en-US'),
    hasCode: operators.rows.some((r) => r.codeBytes !== null),
    rows: operators.rows.map((r) => {
      const share = byCycles ? r.cycleShare ?? 0 : r.callShare;
      return {
        op: r.op,
        kernelSource: r.kernelSource,
        calls: r.calls,
        dtypes: r.dtypes.join(', '),
        share,
        shareText: percent(share, 1),
        barWidth: round((100 * share) / maxShare),
        cycles: r.cycles,
        cyclesText: r.cycles === null ? '–' : r.cycles.toLocaleString('en-US'),
        codeText: r.codeBytes === null ? '–' : formatBytes(r.codeBytes),
      };
    }),
  };
}

// ---- the page ----

function reportView(report: ReportModel) {
  const memory = report.memory;
  const planned = report.plans.flatMap((p) => p.buffers);
  const cards = [
    ...(memory === null ? [] : (['flash', 'ram'] as const).map((kind) => ({
      label: kind === 'flash' ? 'Flash' : 'RAM',
      metric: `${kind}-used`,
      raw: memory[kind].used,
      value: formatBytes(memory[kind].used),
      of: { metric: `${kind}-available`, raw: memory[kind].available, text: formatBytes(memory[kind].available) },
      percentText: percent(memory[kind].used, memory[kind].available),
      detail: '',
    }))),
    { label: 'Planned memory', metric: 'planned-bytes', raw: report.plannedBytes, value: formatBytes(report.plannedBytes), of: null, percentText: null,
      detail: `${planned.length} buffer(s), ${planned.reduce((n, b) => n + b.tensors.length, 0)} tensors` },
    { label: 'Constants', metric: 'constant-bytes', raw: report.constantBytes, value: formatBytes(report.constantBytes), of: null, percentText: null,
      detail: 'weights and other constant tensors' },
    { label: 'Kernel calls', metric: 'kernel-calls', raw: report.operators.totalCalls, value: String(report.operators.totalCalls), of: null, percentText: null,
      detail: `${report.operators.rows.length} operator(s) in ${report.plans.length} method(s)` },
  ];
  return {
    title: `${report.model.name} on ${report.board.id}`,
    model: report.model,
    shortSha: report.model.sha256.slice(0, 12),
    board: report.board,
    etbuildVersion: report.etbuildVersion,
    mode: report.mode,
    cards,
    memory: memory === null ? null : memoryView(memory),
    plan: planView(report),
    operators: operatorView(report),
  };
}

let compiled: HandlebarsTemplateDelegate | undefined;

export function renderReportHtml(report: ReportModel): string {
  compiled ??= Handlebars.create().compile(readFileSync(join(TEMPLATES_DIR, 'report', 'report.html.hbs'), 'utf8'), { strict: true });
  return compiled(reportView(report));
}
