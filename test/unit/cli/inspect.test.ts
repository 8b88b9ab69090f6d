// `etbuild inspect` in-process on builder-made files, and the buildability verdict behind it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessSupport } from '../../../src/analysis/support.js';
import type { InspectReport, ProgramView } from '../../../src/cli/commands/inspect.js';
import { EtbError } from '../../../src/core/errors.js';
import type { Program } from '../../../src/pte/model.js';
import { readModelFile } from '../../../src/pte/read.js';
import { buildBpte, buildPte, buildPtd, call, f32, floats, int, tensor, type MethodSpec } from '../../fixtures/pte-builder.js';
import { runCli, writeTemp } from './helpers.js';

const addMethod: MethodSpec = {
  name: 'forward',
  values: [f32([1, 2], { planned: { offset: 0 } }), f32([1, 2], { constant: floats([1, 2]) }), int(1), f32([1, 2], { planned: { offset: 16 } })],
  inputs: [0],
  outputs: [3],
  instructions: [call('aten::add.out', [0, 1, 2, 3, 3]), call('aten::add.out', [3, 1, 2, 3, 3])],
};
const add = buildPte({ methods: [addMethod, { name: 'get_scale', values: [{ kind: 'Double', value: 0.5 }], inputs: [], outputs: [0] }] });
const linear = buildPte({
  methods: [{ name: 'forward', values: [f32([2], { external: 'w' }), f32([2], { planned: { offset: 0 } })], inputs: [1], outputs: [1], instructions: [call('aten::mul.out', [1, 0, 1, 1])] }],
});
const dir = writeTemp({
  'add.pte': add,
  'add.bpte': buildBpte({ program: add, suites: [{ method: 'forward', cases: [{ inputs: [], outputs: [] }, { inputs: [], outputs: [] }] }] }),
  'linear.pte': linear,
  'linear.ptd': buildPtd([{ key: 'w', dtype: 'FLOAT', sizes: [2], bytes: floats([3, 4]) }]),
  'broken.pte': add.subarray(0, 100),
});

const program = (bytes: Uint8Array): Program => {
  const file = readModelFile(bytes);
  if (file.kind !== 'program') throw new Error('expected a program');
  return file.program;
};

async function inspectJson(...argv: string[]): Promise<InspectReport> {
  const { stdout } = await runCli(['inspect', ...argv, '--json']);
  return JSON.parse(stdout) as InspectReport;
}

describe('etbuild inspect', () => {
  it('prints one JSON document with the program, its methods and a verdict', async () => {
    const report = await inspectJson(join(dir, 'add.pte'));
    expect(report).toMatchObject({
      file: 'add.pte',
      fileIdentifier: 'ET12',
      extendedHeader: { magic: 'eh00', headerLength: 32 },
      constantBytes: 16,
      segments: [{ offset: 0, size: 16 }],
      verdict: { buildable: true, reasons: [] },
    });
    const [forward, getScale] = (report as ProgramView).methods;
    expect(forward).toMatchObject({
      name: 'forward',
      inputs: [{ kind: 'Tensor', dtype: 'FLOAT', shape: [1, 2], dimOrder: [0, 1], dynamism: 'STATIC', planned: true }],
      outputs: [{ kind: 'Tensor', dtype: 'FLOAT', shape: [1, 2], dimOrder: [0, 1] }],
      operators: [{ name: 'aten::add', overload: 'out', calls: 2, argCounts: [5], kernel: true }],
      instructions: { KernelCall: 2 },
      delegates: [],
      nonConstBufferSizes: [0, 32],
      constantTensors: { count: 1, bytes: 8 },
    });
    expect(getScale).toMatchObject({ name: 'get_scale', inputs: [], outputs: [{ kind: 'Double', value: 0.5 }], instructions: {} });
  });

  it('prints the same document with --reporter json', async () => {
    const { stdout } = await runCli(['inspect', join(dir, 'add.pte'), '--reporter', 'json']);
    expect(JSON.parse(stdout)).toEqual(await inspectJson(join(dir, 'add.pte')));
  });

  it('shows methods, operators with kernels, memory and the verdict in the human view', async () => {
    const { stdout } = await runCli(['inspect', join(dir, 'add.pte')]);
    expect(stdout).toContain('add.pte: ExecuTorch program (ET12, version 0)');
    expect(stdout).toContain('method forward');
    expect(stdout).toMatch(/inputs: +float\[1,2\]/);
    expect(stdout).toMatch(/aten::add\.out +x2 +5 args +kernel/);
    expect(stdout).toContain('planned:      32 B');
    expect(stdout).toContain('method get_scale (constant): returns Double 0.5');
    expect(stdout).toContain('buildable for a microcontroller');
    expect(stdout).not.toContain('\u001b[');
  });

  it('shows a bundled program with its test suites and embedded program', async () => {
    const report = await inspectJson(join(dir, 'add.bpte'));
    expect(report).toMatchObject({ fileIdentifier: 'BP08', testSuites: [{ method: 'forward', testCases: 2 }], program: { fileIdentifier: 'ET12' } });
    expect((await runCli(['inspect', join(dir, 'add.bpte')])).stdout).toContain('test suites: forward: 2 test cases');
  });

  it('shows the entries of a .ptd', async () => {
    const report = await inspectJson(join(dir, 'linear.ptd'));
    expect(report).toMatchObject({ fileIdentifier: 'FT01', layout: 'named-data', entries: [{ key: 'w', dtype: 'FLOAT', shape: [2], bytes: 8 }] });
    expect((await runCli(['inspect', join(dir, 'linear.ptd')])).stdout).toMatch(/w +float\[2\] +8 B/);
  });

  it('asks for --data when external tensors are unresolved, and resolves them with it', async () => {
    const without = await inspectJson(join(dir, 'linear.pte'));
    expect(without).toMatchObject({ verdict: { buildable: false } });
    expect((without as ProgramView).verdict.reasons.join('\n')).toMatch(/external tensor \(w\).*--data FILE\.ptd/);
    const withData = await inspectJson(join(dir, 'linear.pte'), '--data', join(dir, 'linear.ptd'));
    expect(withData).toMatchObject({ verdict: { buildable: true }, methods: [{ externalTensors: [{ fqn: 'w', resolved: true }] }] });
  });

  it('fails with named errors for a missing file, a .pte given as --data, and a corrupt file', async () => {
    const failure = async (...argv: string[]): Promise<EtbError> => runCli(['inspect', ...argv]).then(
      () => { throw new Error('inspect succeeded'); },
      (error: unknown) => error as EtbError,
    );
    expect(await failure(join(dir, 'missing.pte'))).toMatchObject({ code: 'ETB1002', exitCode: 2 });
    expect(await failure(join(dir, 'linear.pte'), '--data', join(dir, 'add.pte'))).toMatchObject({ code: 'ETB2015', exitCode: 3 });
    expect(await failure(dir)).toMatchObject({ code: 'ETB1003' });
    const broken = await failure(join(dir, 'broken.pte'));
    expect(broken.code).toMatch(/^ETB2\d{3}$/);
    expect(broken.location?.file).toBe('broken.pte');
  });
});

describe('buildability verdict', () => {
  const allKernels = (): boolean => true;

  it('accepts a portable program whose operators all have kernels', () => {
    expect(assessSupport(program(add), allKernels)).toEqual({ buildable: true, reasons: [] });
  });

  it('names operators without a kernel', () => {
    const verdict = assessSupport(program(add), (op) => op !== 'aten::add');
    expect(verdict.buildable).toBe(false);
    expect(verdict.reasons).toEqual(['1 operator without a kernel in etbuild: aten::add.out']);
  });

  it('rejects delegates and says which partitioner to leave out', () => {
    const delegated = buildPte({
      methods: [{
        name: 'forward', values: [f32([2], { planned: { offset: 0 } })], inputs: [0], outputs: [0],
        instructions: [{ kind: 'DelegateCall', delegateIndex: 0, args: [0, 0] }],
        delegates: [{ id: 'XnnpackBackend', blob: new Uint8Array(16) }],
      }],
    });
    const verdict = assessSupport(program(delegated), allKernels);
    expect(verdict.buildable).toBe(false);
    expect(verdict.reasons[0]).toMatch(/forward calls the XnnpackBackend delegate: XNNPACK targets application processors.*export without that partitioner/);
  });

  it('rejects tensors with unbounded dynamic shapes', () => {
    const dynamic = buildPte({
      methods: [{ name: 'forward', values: [tensor('FLOAT', [4], { dynamism: 'DYNAMIC_UNBOUND' })], inputs: [0], outputs: [0] }],
    });
    expect(assessSupport(program(dynamic), allKernels).reasons).toEqual([
      'forward has 1 tensor with unbounded dynamic shape: export with static shapes or bounded dynamic dimensions so memory can be planned',
    ]);
  });
});
