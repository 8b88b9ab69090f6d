// The report as plain data: what a build puts in flash and RAM (per region and per part), how
// the planner packed each method's tensors, and which operators the program runs (with their
// share of the cycles when a bench profile is given). renderReportHtml and renderReportText lay
// it out; every number is computed here.
import type { Analysis } from '../analysis/analyse.js';
import { cIdentifier } from '../codegen/view-model.js';
import type { MemoryReport } from '../toolchain/memory.js';
import { attributeMemory, classifySymbol, type ElfSymbol, type RegionBreakdown } from './memory.js';
import { methodPlan, type MethodPlan } from './plan.js';

/** The parts of an etbuild.json the report reads (host builds have no memory and a smaller board). */
export interface ReportManifest {
  readonly etbuild: string;
  readonly board: { readonly id: string; readonly name?: string };
  readonly model: { readonly file: string; readonly sha256: string };
  readonly mode?: string;
  readonly memory?: MemoryReport | null;
}

/** Per-operator timings of one profiled run (the bench's `ETB v1 op i=N name=OP cycles=C` lines). */
export interface BenchProfile {
  readonly method: string;
  /** What the counts are ("dwt", "systick", ...), as the firmware's hello line says. */
  readonly timer: string;
  readonly ops: readonly { readonly instruction: number; readonly name: string; readonly cycles: number }[];
}

export interface ReportInput {
  readonly analysis: Analysis;
  readonly manifest: ReportManifest;
  /** The firmware's symbols (readElfSymbols); without them memory is split into stack and other only. */
  readonly symbols?: readonly ElfSymbol[];
  readonly bench?: BenchProfile;
}

export interface OperatorRow {
  /** "aten::add.out" */
  readonly op: string;
  /** runtime-c source of its kernel, "kernels/op_add.c". */
  readonly kernelSource: string;
  readonly calls: number;
  /** The dtypes of its tensor arguments, in order of first appearance. */
  readonly dtypes: readonly string[];
  /** Share of all kernel calls, 0..1. */
  readonly callShare: number;
  /** Cycles of the profiled run, or null without a bench profile (or when the op did not run). */
  readonly cycles: number | null;
  readonly cycleShare: number | null;
  /** Code and tables of the kernel's source file in the firmware, or null without symbols. */
  readonly codeBytes: number | null;
}

export interface MemorySummary {
  readonly flash: { readonly used: number; readonly available: number };
  readonly ram: { readonly used: number; readonly available: number };
  readonly regions: readonly RegionBreakdown[];
  /** Whether the parts come from the firmware's symbols (otherwise only the stack is known). */
  readonly bySymbols: boolean;
}

export interface ReportModel {
  readonly model: { readonly name: string; readonly file: string; readonly sha256: string };
  readonly board: { readonly id: string; readonly name: string | null };
  readonly etbuildVersion: string;
  readonly mode: string | null;
  /** null for host builds: the operating system places everything there. */
  readonly memory: MemorySummary | null;
  readonly plannedBytes: number;
  readonly constantBytes: number;
  readonly plans: readonly MethodPlan[];
  readonly operators: {
    readonly basis: 'calls' | 'cycles';
    readonly totalCalls: number;
    readonly totalCycles: number | null;
    readonly bench: { readonly method: string; readonly timer: string } | null;
    readonly rows: readonly OperatorRow[];
  };
}

/** The generated names of the planned buffers (`<method>_mem<id>`, as the generator declares them). */
function plannedBufferNames(analysis: Analysis): Set<string> {
  return new Set(analysis.methods.flatMap((m) => m.buffers.map((b) => `${cIdentifier(m.method.name)}_mem${b.memoryId}`)));
}

function operatorRows(analysis: Analysis, symbols: readonly ElfSymbol[] | undefined, bench: BenchProfile | undefined): ReportModel['operators'] {
  const calls = analysis.methods.flatMap((m) => m.calls);
  const byOp = new Map<string, { source: string; calls: number; dtypes: Set<string> }>();
  for (const call of calls) {
    const row = byOp.get(call.opName) ?? { source: call.kernel.source, calls: 0, dtypes: new Set<string>() };
    row.calls++;
    for (const dtype of call.dtypes) row.dtypes.add(dtype);
    byOp.set(call.opName, row);
  }
  const cyclesByOp = new Map<string, number>();
  for (const op of bench?.ops ?? []) cyclesByOp.set(op.name, (cyclesByOp.get(op.name) ?? 0) + op.cycles);
  const totalCycles = bench === undefined ? null : [...cyclesByOp.values()].reduce((a, b) => a + b, 0);
  const codeBytes = (source: string): number | null => {
    if (symbols === undefined) return null;
    return symbols
      .filter((s) => s.file !== null && s.file.replaceAll('\\', '/').endsWith(`/${source}`) && classifySymbol(s, new Set()) === 'kernels')
      .reduce((sum, s) => sum + s.size, 0);
  };
  const rows = [...byOp.entries()].map(([op, row]): OperatorRow => {
    const cycles = bench === undefined ? null : cyclesByOp.get(op) ?? null;
    return {
      op,
      kernelSource: row.source,
      calls: row.calls,
      dtypes: [...row.dtypes],
      callShare: calls.length === 0 ? 0 : row.calls / calls.length,
      cycles,
      cycleShare: cycles === null || !totalCycles ? null : cycles / totalCycles,
      codeBytes: codeBytes(row.source),
    };
  });
  const basis = bench === undefined ? 'calls' : 'cycles';
  rows.sort((a, b) => (basis === 'cycles' ? (b.cycles ?? -1) - (a.cycles ?? -1) : 0) || b.calls - a.calls || a.op.localeCompare(b.op));
  return {
    basis,
    totalCalls: calls.length,
    totalCycles,
    bench: bench === undefined ? null : { method: bench.method, timer: bench.timer },
    rows,
  };
}

export function buildReport(input: ReportInput): ReportModel {
  const { analysis, manifest } = input;
  const memory = manifest.memory ?? null;
  return {
    model: { name: manifest.model.file.replace(/\.(b?pte)$/iu, ''), file: manifest.model.file, sha256: manifest.model.sha256 },
    board: { id: manifest.board.id, name: manifest.board.name ?? null },
    etbuildVersion: manifest.etbuild,
    mode: manifest.mode ?? null,
    memory: memory === null ? null : {
      flash: memory.flash,
      ram: memory.ram,
      regions: attributeMemory(memory, input.symbols ?? [], plannedBufferNames(analysis)),
      bySymbols: input.symbols !== undefined && input.symbols.length > 0,
    },
    plannedBytes: analysis.methods.reduce((sum, m) => sum + m.plannedBytes, 0),
    constantBytes: analysis.constantBytes,
    plans: analysis.methods.map(methodPlan),
    operators: operatorRows(analysis, input.symbols, input.bench),
  };
}
