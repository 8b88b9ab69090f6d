// Every file of ../shared/pte-corpus through `etbuild inspect --json` (its pure function),
// checked against manifest.json: facts decoded independently with flatc from upstream's schemas.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectReport, type InspectReport, type MethodView, type ProgramView, type ValueView } from '../../src/cli/commands/inspect.js';
import { readModelPath } from '../../src/pte/read.js';
import { sharedAvailable, sharedPath } from '../helpers/shared.js';

interface ManifestValue {
  kind: string;
  dtype?: string;
  shape?: number[];
  dim_order?: number[];
  dynamism?: string;
  value?: { int_val?: number; double_val?: number; bool_val?: boolean; string_val?: string };
}

interface ManifestPlan {
  name: string;
  operators: { name: string; overload: string; calls: number; arg_counts: number[] }[];
  instructions: Record<string, number>;
  delegates: { id: string; data_location: string; data_index: number; blob_bytes: number; compile_specs: string[] }[];
  inputs: ManifestValue[];
  outputs: ManifestValue[];
  non_const_buffer_sizes: number[];
  planned_memory_bytes: number;
  value_count: number;
  value_types: Record<string, number>;
  external_tensors: string[];
}

interface ManifestProgram {
  file_identifier: string;
  extended_header: { magic: string; header_length: number; program_size: number; segment_base_offset: number; segment_data_size?: number } | null;
  program_version_field: number;
  constant_storage: 'constant_segment' | 'inline constant_buffer' | 'none';
  constant_data_bytes: number;
  constant_tensor_count: number;
  segments: { offset: number; size: number }[];
  inline_delegate_data_bytes: number[];
  mutable_data_segments: { segment_index: number; offsets: number[] }[];
  named_data: { key: string; segment_index: number; size: number }[];
  execution_plans: ManifestPlan[];
}

interface ManifestEntry extends ManifestProgram {
  file: string;
  size_bytes: number;
  companion_file?: string;
  bundled_program?: { bundled_version_field: number; embedded_program_bytes: number; test_suites: { method: string; test_cases: number }[] };
  embedded_program?: ManifestProgram;
  flat_tensor_header?: { magic: string; header_length: number; flatbuffer_offset: number; flatbuffer_size: number; segment_base_offset: number; segment_data_size: number };
  flat_tensor?: {
    layout: string;
    version: number;
    segments: { offset: number; size: number }[];
    entries: { key: string; segment_index: number; dtype: string; shape: number[]; offset?: number }[];
  };
}

const manifest: ManifestEntry[] = sharedAvailable
  ? JSON.parse(readFileSync(sharedPath('pte-corpus', 'manifest.json'), 'utf8')) as ManifestEntry[]
  : [];
const corpusFile = (name: string): string => sharedPath('pte-corpus', name);
const noKernels = (): boolean => false;

function expectValue(actual: ValueView | undefined, expected: ManifestValue, where: string): void {
  expect(actual?.kind, where).toBe(expected.kind);
  if (actual?.kind === 'Tensor') {
    expect({ dtype: actual.dtype, shape: actual.shape, dimOrder: actual.dimOrder, dynamism: actual.dynamism }, where).toEqual({
      dtype: expected.dtype, shape: expected.shape, dimOrder: expected.dim_order, dynamism: expected.dynamism,
    });
  } else if (actual !== undefined && 'value' in actual) {
    const v = expected.value ?? {};
    const expectedValue = v.int_val ?? v.double_val ?? v.bool_val ?? v.string_val;
    if (actual.kind === 'Double') expect(actual.value, where).toBeCloseTo(expectedValue as number, 9);
    else expect(actual.value, where).toEqual(expectedValue);
  }
}

function expectPlan(actual: MethodView | undefined, expected: ManifestPlan, file: string): void {
  const where = `${file} ${expected.name}`;
  expect(actual?.name, where).toBe(expected.name);
  const m = actual as MethodView;
  expect(m.operators.map((o) => ({ name: o.name, overload: o.overload, calls: o.calls, argCounts: o.argCounts })), where)
    .toEqual(expected.operators.map((o) => ({ name: o.name, overload: o.overload, calls: o.calls, argCounts: o.arg_counts })));
  expect(m.instructions, where).toEqual(expected.instructions);
  expect(m.delegates, where).toEqual(expected.delegates.map((d) => ({
    id: d.id, location: d.data_location, index: d.data_index, size: d.blob_bytes, compileSpecs: d.compile_specs,
  })));
  expect(m.inputs.length, `${where} inputs`).toBe(expected.inputs.length);
  expected.inputs.forEach((v, i) => expectValue(m.inputs[i], v, `${where} input ${i}`));
  expect(m.outputs.length, `${where} outputs`).toBe(expected.outputs.length);
  expected.outputs.forEach((v, i) => expectValue(m.outputs[i], v, `${where} output ${i}`));
  expect(m.nonConstBufferSizes, where).toEqual(expected.non_const_buffer_sizes);
  expect(m.plannedMemoryBytes, where).toBe(expected.planned_memory_bytes);
  expect(m.valueCounts, where).toEqual(expected.value_types);
  expect(Object.values(m.valueCounts).reduce((a, b) => a + b, 0), where).toBe(expected.value_count);
  expect(m.externalTensors.map((t) => t.fqn), where).toEqual(expected.external_tensors);
}

const STORAGE = { constant_segment: 'segment', 'inline constant_buffer': 'inline', none: 'none' } as const;

function expectProgram(p: ProgramView, expected: ManifestProgram, file: string): void {
  expect(p.fileIdentifier).toBe(expected.file_identifier);
  const header = expected.extended_header;
  expect(p.extendedHeader, file).toEqual(header === null ? null : {
    magic: header.magic, headerLength: header.header_length, programSize: header.program_size,
    segmentBaseOffset: header.segment_base_offset, segmentDataSize: header.segment_data_size ?? null,
  });
  expect(p.version, file).toBe(expected.program_version_field);
  expect(p.constantStorage, file).toBe(STORAGE[expected.constant_storage]);
  expect(p.constantBytes, file).toBe(expected.constant_data_bytes);
  expect(p.constantTensorCount, file).toBe(expected.constant_tensor_count);
  expect(p.segments, file).toEqual(expected.segments);
  expect(p.inlineDelegateDataBytes, file).toEqual(expected.inline_delegate_data_bytes);
  expect(p.mutableDataBytes, file).toEqual(expected.mutable_data_segments.map((m) => expected.segments[m.segment_index]?.size));
  // offsets[0] of a mutable data segment is reserved; every other entry is one trainable tensor's initial state.
  expect(p.methods.reduce((n, m) => n + m.mutableTensors.count, 0), file)
    .toBe(expected.mutable_data_segments.reduce((n, m) => n + m.offsets.length - 1, 0));
  expect(p.namedData, file).toEqual(expected.named_data.map((d) => ({ key: d.key, segmentIndex: d.segment_index, size: d.size })));
  expect(p.methods.map((m) => m.name), file).toEqual(expected.execution_plans.map((e) => e.name));
  expected.execution_plans.forEach((plan, i) => expectPlan(p.methods[i], plan, file));
}

function report(file: string): InspectReport {
  return inspectReport(file, readModelPath(corpusFile(file)), noKernels);
}

describe.skipIf(!sharedAvailable)('pte-corpus: inspect --json agrees with manifest.json', () => {
  it('covers all 40 files of the corpus', () => {
    expect(manifest.length).toBe(40);
  });

  for (const entry of manifest) {
    it(entry.file, () => {
      const r = report(entry.file);
      switch (r.fileIdentifier) {
        case 'ET12':
          expectProgram(r, entry, entry.file);
          break;
        case 'BP08': {
          const bundled = entry.bundled_program;
          expect(entry.file_identifier).toBe('BP08');
          expect(r.version).toBe(bundled?.bundled_version_field);
          expect(r.programSize).toBe(bundled?.embedded_program_bytes);
          expect(r.testSuites).toEqual(bundled?.test_suites.map((s) => ({ method: s.method, testCases: s.test_cases })));
          expectProgram(r.program, entry.embedded_program as ManifestProgram, `${entry.file} (embedded)`);
          break;
        }
        case 'FT01': {
          const header = entry.flat_tensor_header;
          const flat = entry.flat_tensor;
          expect(entry.file_identifier).toBe('FT01');
          expect(r.header).toEqual(header === undefined ? null : {
            magic: header.magic, headerLength: header.header_length, flatbufferOffset: header.flatbuffer_offset,
            flatbufferSize: header.flatbuffer_size, segmentBaseOffset: header.segment_base_offset, segmentDataSize: header.segment_data_size,
          });
          expect(r.layout).toBe(flat?.layout.includes('named_data') ? 'named-data' : 'tensors-v0');
          expect(r.version).toBe(flat?.version);
          expect(r.segments).toEqual(flat?.segments);
          expect(r.entries.map((e) => ({ key: e.key, dtype: e.dtype, shape: e.shape })))
            .toEqual(flat?.entries.map((e) => ({ key: e.key, dtype: e.dtype, shape: e.shape })));
          break;
        }
      }
    });
  }

  for (const entry of manifest.filter((e) => e.file.endsWith('.pte') && e.companion_file !== undefined)) {
    it(`${entry.file} resolves its external tensors from ${entry.companion_file}`, () => {
      const file = readModelPath(corpusFile(entry.file), { dataPath: corpusFile(entry.companion_file as string) });
      const data = readModelPath(corpusFile(entry.companion_file as string));
      if (file.kind !== 'program' || data.kind !== 'data') throw new Error('expected a program and a data file');
      const external = file.program.methods.flatMap((m) => m.values).flatMap((v) => (v.kind === 'Tensor' && v.data.kind === 'external' ? [v] : []));
      expect(external.map((t) => t.fqn)).toEqual(entry.execution_plans.flatMap((p) => p.external_tensors));
      for (const tensor of external) {
        const source = data.data.tensors.find((t) => t.key === tensor.fqn);
        expect(tensor.data.kind === 'external' && tensor.data.bytes, tensor.fqn ?? '').toEqual(source?.bytes);
      }
      expect(inspectReport(entry.file, file, () => true)).toMatchObject({ verdict: { buildable: true, reasons: [] } });
    });
  }
});
