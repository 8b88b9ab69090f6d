// `etbuild inspect MODEL [--data FILE.ptd] [--json]`: what is inside an ExecuTorch file and
// whether etbuild can build it for a microcontroller. inspectReport() is the pure part (also what
// `--json` prints); renderInspect() the human view.
import { basename } from 'node:path';
import { assessSupport, type KernelLookup, type SupportVerdict } from '../../analysis/support.js';
import { hasKernel } from '../../analysis/catalogue.js';
import type {
  ExtendedHeader, FlatTensorHeader, InstructionKind, Method, ModelFile, Program, Segment, ShapeDynamism, Value,
  ValueKind,
} from '../../pte/model.js';
import { readModelPath } from '../../pte/read.js';
import { defineCommand } from '../command.js';
import { style as makeStyle, type Style } from '../io.js';

// --- the report (JSON) -------------------------------------------------------------------------

export type ValueView =
  | {
      readonly kind: 'Tensor';
      readonly dtype: string;
      readonly shape: readonly number[];
      readonly dimOrder: readonly number[];
      readonly dynamism: ShapeDynamism;
      /** Memory-planned (false: the caller supplies the buffer, or it is constant). */
      readonly planned: boolean;
    }
  | { readonly kind: 'Int' | 'Double'; readonly value: number }
  | { readonly kind: 'Bool'; readonly value: boolean }
  | { readonly kind: 'String'; readonly value: string }
  | { readonly kind: Exclude<ValueKind, 'Tensor' | 'Int' | 'Double' | 'Bool' | 'String'> };

export interface OperatorView {
  readonly name: string;
  readonly overload: string;
  readonly calls: number;
  /** Distinct argument counts of its calls, ascending. */
  readonly argCounts: readonly number[];
  readonly kernel: boolean;
}

export interface MethodView {
  readonly name: string;
  readonly inputs: readonly ValueView[];
  readonly outputs: readonly ValueView[];
  readonly operators: readonly OperatorView[];
  readonly instructions: Partial<Record<InstructionKind, number>>;
  readonly delegates: readonly {
    readonly id: string;
    readonly location: 'INLINE' | 'SEGMENT';
    readonly index: number;
    readonly size: number;
    readonly compileSpecs: readonly string[];
  }[];
  readonly nonConstBufferSizes: readonly number[];
  readonly plannedMemoryBytes: number;
  readonly valueCounts: Partial<Record<ValueKind, number>>;
  /** Constant buffers the method's tensors use (several tensors may share one) and their bytes. */
  readonly constantTensors: { readonly count: number; readonly bytes: number };
  readonly mutableTensors: { readonly count: number; readonly bytes: number };
  readonly externalTensors: readonly { readonly fqn: string; readonly resolved: boolean }[];
}

export interface ProgramView {
  readonly fileIdentifier: 'ET12';
  readonly version: number;
  readonly extendedHeader: ExtendedHeader | null;
  readonly constantStorage: Program['constantStorage'];
  readonly constantBytes: number;
  /** Distinct constant buffers used by tensors of any method. */
  readonly constantTensorCount: number;
  readonly segments: readonly Segment[];
  readonly namedData: readonly { readonly key: string; readonly segmentIndex: number; readonly size: number }[];
  readonly mutableDataBytes: readonly number[];
  readonly inlineDelegateDataBytes: readonly number[];
  readonly methods: readonly MethodView[];
  readonly verdict: SupportVerdict;
}

export interface BundledView {
  readonly fileIdentifier: 'BP08';
  readonly version: number;
  readonly programOffset: number;
  readonly programSize: number;
  readonly testSuites: readonly { readonly method: string; readonly testCases: number }[];
  readonly program: ProgramView;
}

export interface DataFileView {
  readonly fileIdentifier: 'FT01';
  readonly layout: 'named-data' | 'tensors-v0';
  readonly header: FlatTensorHeader | null;
  readonly version: number;
  readonly segments: readonly Segment[];
  readonly entries: readonly {
    readonly key: string;
    readonly dtype: string | null;
    readonly shape: readonly number[];
    readonly dimOrder: readonly number[];
    readonly bytes: number;
  }[];
}

export type InspectReport = { readonly file: string } & (ProgramView | BundledView | DataFileView);

function valueView(value: Value): ValueView {
  switch (value.kind) {
    case 'Tensor':
      return {
        kind: 'Tensor', dtype: value.dtype, shape: value.sizes, dimOrder: value.dimOrder,
        dynamism: value.dynamism, planned: value.allocation !== null,
      };
    case 'Int':
    case 'Double':
    case 'Bool':
    case 'String':
      return { kind: value.kind, value: value.value } as ValueView;
    default:
      return { kind: value.kind };
  }
}

function methodView(method: Method, kernelAvailable: KernelLookup): MethodView {
  const calls = method.operators.map(() => ({ calls: 0, argCounts: new Set<number>() }));
  const instructions: Partial<Record<InstructionKind, number>> = {};
  for (const chain of method.chains) {
    for (const instruction of chain.instructions) {
      instructions[instruction.kind] = (instructions[instruction.kind] ?? 0) + 1;
      if (instruction.kind === 'KernelCall') {
        const entry = calls[instruction.opIndex];
        if (entry !== undefined) {
          entry.calls++;
          entry.argCounts.add(instruction.args.length);
        }
      }
    }
  }
  const valueCounts: Partial<Record<ValueKind, number>> = {};
  // Several tensor values may view the same constant buffer: count each buffer once.
  const constantBuffers = new Map<number, number>();
  const mutableTensors = { count: 0, bytes: 0 };
  const externalTensors: { fqn: string; resolved: boolean }[] = [];
  for (const value of method.values) {
    valueCounts[value.kind] = (valueCounts[value.kind] ?? 0) + 1;
    if (value.kind !== 'Tensor') continue;
    if (value.data.kind === 'constant') {
      constantBuffers.set(value.dataBufferIdx, Math.max(constantBuffers.get(value.dataBufferIdx) ?? 0, value.data.bytes.length));
    } else if (value.data.kind === 'mutable-initial') {
      mutableTensors.count++;
      mutableTensors.bytes += value.data.bytes.length;
    } else if (value.data.kind === 'external') {
      externalTensors.push({ fqn: value.data.fqn, resolved: value.data.bytes !== null });
    }
  }
  const view = (index: number): ValueView => valueView(method.values[index] as Value);
  return {
    name: method.name,
    inputs: method.inputs.map(view),
    outputs: method.outputs.map(view),
    operators: method.operators.map((op, i) => {
      const entry = calls[i] as { calls: number; argCounts: Set<number> };
      return {
        name: op.name, overload: op.overload, calls: entry.calls,
        argCounts: [...entry.argCounts].sort((a, b) => a - b), kernel: kernelAvailable(op.name, op.overload),
      };
    }),
    instructions,
    delegates: method.delegates.map((d) => ({
      id: d.id, location: d.processed.location, index: d.processed.index, size: d.processed.size,
      compileSpecs: d.compileSpecs.map((s) => s.key),
    })),
    nonConstBufferSizes: method.nonConstBufferSizes,
    plannedMemoryBytes: method.nonConstBufferSizes.reduce((a, b) => a + b, 0),
    valueCounts,
    constantTensors: { count: constantBuffers.size, bytes: [...constantBuffers.values()].reduce((a, b) => a + b, 0) },
    mutableTensors,
    externalTensors,
  };
}

export function programView(program: Program, kernelAvailable: KernelLookup = hasKernel): ProgramView {
  return {
    fileIdentifier: 'ET12',
    version: program.version,
    extendedHeader: program.extendedHeader,
    constantStorage: program.constantStorage,
    constantBytes: program.constantBytes,
    constantTensorCount: new Set(program.methods.flatMap((m) => m.values.flatMap(
      (v) => (v.kind === 'Tensor' && v.data.kind === 'constant' ? [v.dataBufferIdx] : []),
    ))).size,
    segments: program.segments,
    namedData: program.namedData.map((d) => ({ key: d.key, segmentIndex: d.segmentIndex, size: d.bytes.length })),
    mutableDataBytes: program.mutableDataBytes,
    inlineDelegateDataBytes: program.inlineDelegateDataBytes,
    methods: program.methods.map((m) => methodView(m, kernelAvailable)),
    verdict: assessSupport(program, kernelAvailable),
  };
}

/** The JSON document of `etbuild inspect --json`. */
export function inspectReport(fileName: string, file: ModelFile, kernelAvailable: KernelLookup = hasKernel): InspectReport {
  switch (file.kind) {
    case 'program':
      return { file: fileName, ...programView(file.program, kernelAvailable) };
    case 'bundled':
      return {
        file: fileName,
        fileIdentifier: 'BP08',
        version: file.bundled.version,
        programOffset: file.bundled.programOffset,
        programSize: file.bundled.programSize,
        testSuites: file.bundled.suites.map((s) => ({ method: s.methodName, testCases: s.testCases.length })),
        program: programView(file.program, kernelAvailable),
      };
    case 'data':
      return {
        file: fileName,
        fileIdentifier: 'FT01',
        layout: file.data.layout,
        header: file.data.header,
        version: file.data.version,
        segments: file.data.segments,
        entries: file.data.tensors.map((t) => ({
          key: t.key, dtype: t.dtype, shape: t.sizes, dimOrder: t.dimOrder, bytes: t.bytes.length,
        })),
      };
  }
}

// --- the human view ----------------------------------------------------------------------------

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(2)} MiB`;
}

const count = (n: number, word: string, plural = `${word}s`): string => `${n} ${n === 1 ? word : plural}`;

function isContiguous(dimOrder: readonly number[]): boolean {
  return dimOrder.every((d, i) => d === i);
}

function valueText(v: ValueView): string {
  switch (v.kind) {
    case 'Tensor': {
      const parts = [`${v.dtype.toLowerCase()}[${v.shape.join(',')}]`];
      if (!isContiguous(v.dimOrder)) parts.push(`dim order [${v.dimOrder.join(',')}]`);
      if (v.dynamism !== 'STATIC') parts.push(v.dynamism === 'DYNAMIC_BOUND' ? 'dynamic, upper bound' : 'dynamic, unbounded');
      if (!v.planned) parts.push('unplanned');
      return parts.length === 1 ? parts[0] as string : `${parts[0]} (${parts.slice(1).join(', ')})`;
    }
    case 'String':
      return `String ${JSON.stringify(v.value)}`;
    case 'Int':
    case 'Double':
    case 'Bool':
      return `${v.kind} ${String(v.value)}`;
    default:
      return v.kind;
  }
}

function listText(values: readonly ValueView[]): string {
  return values.length === 0 ? 'none' : values.map(valueText).join(', ');
}

function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

function renderMethod(m: MethodView, s: Style): string[] {
  const lines: string[] = [];
  const isConstant = Object.keys(m.instructions).length === 0;
  if (isConstant && m.inputs.length === 0) {
    lines.push(`${s.bold(`method ${m.name}`)} (constant): returns ${listText(m.outputs)}`);
    return lines;
  }
  lines.push(s.bold(`method ${m.name}`));
  lines.push(`  inputs:       ${listText(m.inputs)}`);
  lines.push(`  outputs:      ${listText(m.outputs)}`);
  const kinds = Object.entries(m.instructions).map(([kind, n]) => `${n} ${kind}`);
  lines.push(`  instructions: ${kinds.length === 0 ? 'none' : kinds.join(', ')}`);
  const buffers = m.nonConstBufferSizes.slice(1);
  lines.push(`  planned:      ${bytes(m.plannedMemoryBytes)}${buffers.length > 1 ? ` in ${buffers.length} buffers [${buffers.join(', ')}]` : ''}`);
  const constants = [`${count(m.constantTensors.count, 'constant')} (${bytes(m.constantTensors.bytes)})`];
  if (m.mutableTensors.count > 0) constants.push(`${m.mutableTensors.count} with initial state (${bytes(m.mutableTensors.bytes)})`);
  if (m.externalTensors.length > 0) {
    const resolved = m.externalTensors.filter((t) => t.resolved).length;
    constants.push(`${m.externalTensors.length} external (${resolved === m.externalTensors.length ? 'resolved' : `${m.externalTensors.length - resolved} unresolved`})`);
  }
  lines.push(`  tensors:      ${constants.join(', ')}`);
  if (m.operators.length > 0) {
    lines.push('  operators:');
    lines.push(...table(m.operators.map((op) => [
      `${op.name}.${op.overload}`,
      `x${op.calls}`,
      `${op.argCounts.join('/')} args`,
      op.kernel ? s.green('kernel') : s.red('no kernel'),
    ]), '    '));
  }
  for (const d of m.delegates) {
    const specs = d.compileSpecs.length === 0 ? '' : `, compile specs: ${d.compileSpecs.join(', ')}`;
    lines.push(`  delegate:     ${s.yellow(d.id)} (${bytes(d.size)} ${d.location === 'INLINE' ? 'inline' : `in segment ${d.index}`}${specs})`);
  }
  return lines;
}

function renderProgram(p: ProgramView, s: Style): string[] {
  const header = p.extendedHeader === null
    ? 'no extended header'
    : `extended header eh00 (${p.extendedHeader.headerLength} bytes, program ${p.extendedHeader.programSize} bytes, segments at ${p.extendedHeader.segmentBaseOffset})`;
  const segmentBytes = p.segments.reduce((a, b) => a + b.size, 0);
  const storage = { segment: 'in the constant segment', inline: 'inline (deprecated constant_buffer)', none: '' }[p.constantStorage];
  const lines = [
    `  ${header}`,
    `  segments:  ${p.segments.length === 0 ? 'none' : `${p.segments.length}, ${bytes(segmentBytes)}`}`,
    `  constants: ${bytes(p.constantBytes)}${storage === '' ? '' : ` ${storage}`}, ${count(p.constantTensorCount, 'tensor buffer')}`,
  ];
  if (p.namedData.length > 0) {
    lines.push(`  named data: ${p.namedData.length} entries (${bytes(p.namedData.reduce((a, d) => a + d.size, 0))})`);
  }
  if (p.mutableDataBytes.length > 0) lines.push(`  mutable data: ${p.mutableDataBytes.map(bytes).join(', ')}`);
  for (const m of p.methods) lines.push('', ...renderMethod(m, s));
  lines.push('');
  if (p.verdict.buildable) {
    lines.push(`${s.bold(s.green('buildable'))} for a microcontroller`);
  } else {
    lines.push(`${s.bold(s.red('not buildable'))} for a microcontroller:`);
    for (const reason of p.verdict.reasons) lines.push(`  - ${reason}`);
  }
  return lines;
}

export function renderInspect(report: InspectReport, s: Style): string {
  const lines: string[] = [];
  switch (report.fileIdentifier) {
    case 'ET12':
      lines.push(`${s.bold(report.file)}: ExecuTorch program (ET12, version ${report.version})`, ...renderProgram(report, s));
      break;
    case 'BP08': {
      const cases = report.testSuites.map((t) => `${t.method}: ${count(t.testCases, 'test case')}`);
      lines.push(
        `${s.bold(report.file)}: bundled program (BP08, version ${report.version})`,
        `  test suites: ${cases.length === 0 ? 'none' : cases.join('; ')}`,
        `  embedded program: ${bytes(report.programSize)} at byte ${report.programOffset} (ET12, version ${report.program.version})`,
        ...renderProgram(report.program, s),
      );
      break;
    }
    case 'FT01': {
      const layout = report.layout === 'named-data' ? 'named data' : 'first (2025-02) tensors layout';
      lines.push(`${s.bold(report.file)}: ExecuTorch data file (FT01, ${layout}, version ${report.version})`);
      lines.push(`  ${count(report.entries.length, 'entry', 'entries')} in ${count(report.segments.length, 'segment')}:`);
      lines.push(...table(report.entries.map((e) => [
        e.key,
        e.dtype === null ? '(untyped)' : `${e.dtype.toLowerCase()}[${e.shape.join(',')}]`,
        bytes(e.bytes),
      ]), '    '));
      break;
    }
  }
  return `${lines.join('\n')}\n`;
}

// --- the command -------------------------------------------------------------------------------

export const inspect = defineCommand({
  command: 'inspect <model>',
  describe: 'Show what is inside a .pte, .bpte or .ptd file and whether etbuild can build it',
  builder: (yargs) => yargs
    .positional('model', { type: 'string', demandOption: true, describe: 'ExecuTorch program (.pte), bundled program (.bpte) or data file (.ptd)' })
    .option('data', { type: 'string', describe: 'Data file (.ptd) holding the program\'s external tensors' })
    .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document instead of the human view' }),
  run: (args, io) => {
    const file = readModelPath(args.model, args.data === undefined ? {} : { dataPath: args.data });
    const report = inspectReport(basename(args.model), file);
    if (args.json || args.reporter === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(renderInspect(report, makeStyle(args.color)));
  },
});
