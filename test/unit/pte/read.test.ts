// Files written by the test builder read back into the model with every field intact.
import { describe, expect, it } from 'vitest';
import type { Method, ModelFile, Program, TensorValue } from '../../../src/pte/model.js';
import { readModelFile } from '../../../src/pte/read.js';
import { buildBpte, buildPte, buildPtd, call, f32, floats, int, ints, tensor } from '../../fixtures/pte-builder.js';

function program(file: ModelFile): Program {
  if (file.kind !== 'program') throw new Error(`expected a program, got ${file.kind}`);
  return file.program;
}

function tensorAt(method: Method, index: number): TensorValue {
  const value = method.values[index];
  if (value?.kind !== 'Tensor') throw new Error(`value ${index} is ${value?.kind}, not a Tensor`);
  return value;
}

const addProgram = (headerLength?: 24 | 32 | null, constantStorage?: 'segment' | 'inline') => buildPte({
  ...(headerLength === undefined ? {} : { headerLength }),
  ...(constantStorage === undefined ? {} : { constantStorage }),
  methods: [{
    name: 'forward',
    values: [
      f32([3], { planned: { offset: 0 } }),
      f32([3], { constant: floats([1, 2, 3]) }),
      int(1),
      f32([3], { planned: { offset: 16 } }),
    ],
    inputs: [0],
    outputs: [3],
    instructions: [call('aten::add.out', [0, 1, 2, 3, 3])],
  }],
});

describe('readModelFile on builder-made programs', () => {
  it('reads a program with a constant segment and an eh00 header of length 32', () => {
    const bytes = addProgram();
    const p = program(readModelFile(bytes, { fileName: 'add.pte' }));
    expect(p.fileIdentifier).toBe('ET12');
    expect(p.extendedHeader).toMatchObject({ magic: 'eh00', headerLength: 32 });
    expect(p.extendedHeader?.segmentBaseOffset).toBe(Math.ceil((p.extendedHeader?.programSize ?? 0) / 128) * 128);
    expect(p.extendedHeader?.segmentDataSize).toBe(16);
    expect(p.constantStorage).toBe('segment');
    expect(p.constantBytes).toBe(16);
    expect(p.segments).toEqual([{ offset: 0, size: 16 }]);
    const [forward] = p.methods;
    expect(forward?.name).toBe('forward');
    expect(forward?.operators).toEqual([{ name: 'aten::add', overload: 'out' }]);
    expect(forward?.chains[0]?.instructions).toEqual([{ kind: 'KernelCall', opIndex: 0, args: [0, 1, 2, 3, 3] }]);
    expect(forward?.inputs).toEqual([0]);
    expect(forward?.outputs).toEqual([3]);
    expect(forward?.nonConstBufferSizes).toEqual([0, 32]);
    const input = tensorAt(forward as Method, 0);
    expect(input).toMatchObject({
      dtype: 'FLOAT', sizes: [3], dimOrder: [0], allocation: { memoryId: 1, offset: 0 }, dynamism: 'STATIC',
      dataBufferIdx: 0, data: { kind: 'none' }, fqn: null, requiresGrad: false,
    });
    const constant = tensorAt(forward as Method, 1);
    expect(constant.allocation).toBeNull();
    expect(constant.data.kind).toBe('constant');
    expect(constant.data.kind === 'constant' && [...new Float32Array(constant.data.bytes.slice().buffer)]).toEqual([1, 2, 3]);
    expect(forward?.values[2]).toEqual({ kind: 'Int', value: 1 });
  });

  it('reads an eh00 header of length 24 (no segment_data_size)', () => {
    const p = program(readModelFile(addProgram(24)));
    expect(p.extendedHeader).toMatchObject({ headerLength: 24, segmentDataSize: null });
    const constant = tensorAt(p.methods[0] as Method, 1);
    expect(constant.data.kind === 'constant' && [...new Float32Array(constant.data.bytes.slice().buffer)]).toEqual([1, 2, 3]);
  });

  it('reads deprecated inline constants in a file without extended header', () => {
    const p = program(readModelFile(addProgram(null, 'inline')));
    expect(p.extendedHeader).toBeNull();
    expect(p.constantStorage).toBe('inline');
    expect(p.constantBytes).toBe(12);
    expect(p.segments).toEqual([]);
    const constant = tensorAt(p.methods[0] as Method, 1);
    expect(constant.data.kind === 'constant' && [...new Float32Array(constant.data.bytes.slice().buffer)]).toEqual([1, 2, 3]);
  });

  it('reads every value kind and resolves IntList items through the Int values they name', () => {
    const bytes = buildPte({
      methods: [{
        name: 'forward',
        values: [
          { kind: 'Null' },
          int(-7),
          { kind: 'Bool', value: true },
          { kind: 'Double', value: 2.5 },
          { kind: 'String', value: 'hello' },
          { kind: 'IntList', items: [1, 12] },
          { kind: 'DoubleList', items: [0.5, -1] },
          { kind: 'BoolList', items: [true, false, true] },
          { kind: 'TensorList', items: [10, 11] },
          { kind: 'OptionalTensorList', items: [10, 0, -1] },
          tensor('LONG', [2, 3], { planned: { offset: 0 }, dimOrder: [1, 0], dynamism: 'DYNAMIC_BOUND', requiresGrad: true }),
          tensor('CHAR', [], { planned: { offset: 64 } }),
          int(9007199254740991n),
        ],
        inputs: [10],
        outputs: [11],
      }],
    });
    const [method] = program(readModelFile(bytes)).methods;
    const values = (method as Method).values;
    expect(values.slice(0, 10)).toEqual([
      { kind: 'Null' },
      { kind: 'Int', value: -7 },
      { kind: 'Bool', value: true },
      { kind: 'Double', value: 2.5 },
      { kind: 'String', value: 'hello' },
      { kind: 'IntList', valueIndices: [1, 12], items: [-7, 9007199254740991] },
      { kind: 'DoubleList', items: [0.5, -1] },
      { kind: 'BoolList', items: [true, false, true] },
      { kind: 'TensorList', items: [10, 11] },
      { kind: 'OptionalTensorList', items: [10, 0, -1] },
    ]);
    expect(tensorAt(method as Method, 10)).toMatchObject({
      dtype: 'LONG', sizes: [2, 3], dimOrder: [1, 0], dynamism: 'DYNAMIC_BOUND', requiresGrad: true,
    });
    expect(tensorAt(method as Method, 11)).toMatchObject({ dtype: 'CHAR', sizes: [], dimOrder: [], allocation: { offset: 64 } });
  });

  it('reads every instruction kind, several methods and both delegate locations', () => {
    const bytes = buildPte({
      methods: [
        {
          name: 'loop',
          values: [
            { kind: 'Bool', value: false },
            f32([4], { planned: { offset: 0 } }),
            f32([4], { planned: { offset: 16 } }),
            int(1),
          ],
          inputs: [1],
          outputs: [2],
          instructions: [
            { kind: 'JumpFalseCall', cond: 0, destination: 3 },
            call('aten::add.out', [1, 1, 3, 2, 2]),
            { kind: 'MoveCall', from: 1, to: 2 },
            { kind: 'FreeCall', value: 1 },
            { kind: 'DelegateCall', delegateIndex: 1, args: [1, 2] },
            { kind: 'DelegateCall', delegateIndex: 0, args: [1, 2] },
          ],
          delegates: [
            { id: 'XnnpackBackend', blob: new Uint8Array(300).fill(7) },
            { id: 'EthosUBackend', blob: new Uint8Array(20).fill(9), location: 'INLINE', compileSpecs: [{ key: 'target', value: new Uint8Array([1, 2]) }] },
          ],
        },
        { name: 'get_answer', values: [int(42)], inputs: [], outputs: [0] },
      ],
      namedData: [{ key: 'weights', bytes: new Uint8Array(40).fill(3) }],
    });
    const p = program(readModelFile(bytes));
    expect(p.methods.map((m) => m.name)).toEqual(['loop', 'get_answer']);
    const [loop, getAnswer] = p.methods as [Method, Method];
    expect(loop.chains[0]?.instructions).toEqual([
      { kind: 'JumpFalseCall', condValueIndex: 0, destination: 3 },
      { kind: 'KernelCall', opIndex: 0, args: [1, 1, 3, 2, 2] },
      { kind: 'MoveCall', from: 1, to: 2 },
      { kind: 'FreeCall', valueIndex: 1 },
      { kind: 'DelegateCall', delegateIndex: 1, args: [1, 2] },
      { kind: 'DelegateCall', delegateIndex: 0, args: [1, 2] },
    ]);
    expect(loop.delegates.map((d) => ({ id: d.id, processed: d.processed }))).toEqual([
      { id: 'XnnpackBackend', processed: { location: 'SEGMENT', index: 1, size: 300 } },
      { id: 'EthosUBackend', processed: { location: 'INLINE', index: 0, size: 20 } },
    ]);
    expect(loop.delegates[1]?.compileSpecs.map((s) => ({ key: s.key, value: [...s.value] }))).toEqual([{ key: 'target', value: [1, 2] }]);
    expect(p.inlineDelegateDataBytes).toEqual([20]);
    expect(getAnswer.values).toEqual([{ kind: 'Int', value: 42 }]);
    expect(getAnswer.chains[0]?.instructions).toEqual([]);
    expect(p.namedData.map((d) => ({ key: d.key, segmentIndex: d.segmentIndex, bytes: [...new Set(d.bytes)], size: d.bytes.length })))
      .toEqual([{ key: 'weights', segmentIndex: 2, bytes: [3], size: 40 }]);
    // The (empty) constant segment, the delegate blob, the named data: at 128-byte boundaries.
    expect(p.segments).toEqual([{ offset: 0, size: 0 }, { offset: 0, size: 300 }, { offset: 384, size: 40 }]);
  });

  it('reads the initial state of trainable tensors from the mutable data segment', () => {
    const bytes = buildPte({
      methods: [{
        name: 'forward',
        values: [
          f32([2], { planned: { offset: 0 }, initial: floats([5, 6]) }),
          f32([1], { planned: { offset: 16 }, initial: floats([7]) }),
        ],
        inputs: [],
        outputs: [0, 1],
      }],
    });
    const p = program(readModelFile(bytes));
    const [a, b] = [tensorAt(p.methods[0] as Method, 0), tensorAt(p.methods[0] as Method, 1)];
    expect(a.data.kind).toBe('mutable-initial');
    expect(a.data.kind === 'mutable-initial' && [...new Float32Array(a.data.bytes.slice().buffer)]).toEqual([5, 6]);
    expect(b.data.kind === 'mutable-initial' && [...new Float32Array(b.data.bytes.slice().buffer)]).toEqual([7]);
    expect(p.mutableDataBytes).toEqual([12]);
  });
});

describe('external tensors and .ptd files', () => {
  const linear = buildPte({
    methods: [{
      name: 'forward',
      values: [f32([2, 2], { external: 'linear.weight' }), f32([2], { external: 'linear.bias' }), f32([2], { planned: { offset: 0 } })],
      inputs: [2],
      outputs: [2],
    }],
  });
  const entries = [
    { key: 'linear.weight', dtype: 'FLOAT' as const, sizes: [2, 2], bytes: floats([1, 2, 3, 4]) },
    { key: 'linear.bias', dtype: 'FLOAT' as const, sizes: [2], bytes: floats([5, 6]) },
  ];

  for (const layout of ['named-data', 'tensors-v0'] as const) {
    it(`reads a ${layout} .ptd and resolves the program's external tensors by name`, () => {
      const dataFile = readModelFile(buildPtd(entries, layout), { fileName: 'linear.ptd' });
      if (dataFile.kind !== 'data') throw new Error('expected a data file');
      expect(dataFile.data.layout).toBe(layout);
      expect(dataFile.data.header).toMatchObject({ magic: 'FH01', headerLength: 40 });
      expect(dataFile.data.tensors.map((t) => ({ key: t.key, dtype: t.dtype, sizes: t.sizes, values: [...new Float32Array(t.bytes.slice().buffer)] })))
        .toEqual([
          { key: 'linear.weight', dtype: 'FLOAT', sizes: [2, 2], values: [1, 2, 3, 4] },
          { key: 'linear.bias', dtype: 'FLOAT', sizes: [2], values: [5, 6] },
        ]);
      const p = program(readModelFile(linear, { data: dataFile.data, dataFileName: 'linear.ptd' }));
      const weight = tensorAt(p.methods[0] as Method, 0);
      expect(weight.fqn).toBe('linear.weight');
      expect(weight.data.kind === 'external' && weight.data.bytes && [...new Float32Array(weight.data.bytes.slice().buffer)]).toEqual([1, 2, 3, 4]);
    });
  }

  it('leaves external tensors unresolved without a .ptd', () => {
    const p = program(readModelFile(linear));
    expect(tensorAt(p.methods[0] as Method, 1).data).toEqual({ kind: 'external', fqn: 'linear.bias', bytes: null });
  });

  it('resolves an external tensor from the program\'s own named data', () => {
    const bytes = buildPte({
      methods: [{ name: 'forward', values: [f32([2], { external: 'w' })], inputs: [], outputs: [0] }],
      namedData: [{ key: 'w', bytes: floats([7, 8]) }],
    });
    const w = tensorAt(program(readModelFile(bytes)).methods[0] as Method, 0);
    expect(w.data.kind === 'external' && w.data.bytes && [...new Float32Array(w.data.bytes.slice().buffer)]).toEqual([7, 8]);
  });

  it('reads untyped named data entries', () => {
    const file = readModelFile(buildPtd([{ key: 'blob', bytes: new Uint8Array([1, 2, 3]) }]));
    expect(file.kind === 'data' && file.data.tensors.map((t) => ({ key: t.key, dtype: t.dtype, bytes: [...t.bytes] })))
      .toEqual([{ key: 'blob', dtype: null, bytes: [1, 2, 3] }]);
  });

  it('names the missing key and the .ptd when an external tensor is not in it (ETB2011)', () => {
    const data = readModelFile(buildPtd([entries[0] as (typeof entries)[0]]));
    if (data.kind !== 'data') throw new Error('expected a data file');
    expect(() => readModelFile(linear, { fileName: 'linear.pte', data: data.data, dataFileName: 'other.ptd' }))
      .toThrow(expect.objectContaining({ code: 'ETB2011', message: expect.stringMatching(/"linear\.bias" is not in other\.ptd/) }));
  });

  it('rejects a .ptd entry whose shape disagrees with the program (ETB2012)', () => {
    const data = readModelFile(buildPtd([entries[0] as (typeof entries)[0], { key: 'linear.bias', dtype: 'FLOAT', sizes: [3], bytes: floats([1, 2, 3]) }]));
    if (data.kind !== 'data') throw new Error('expected a data file');
    expect(() => readModelFile(linear, { data: data.data })).toThrow(expect.objectContaining({ code: 'ETB2012' }));
  });
});

describe('bundled programs', () => {
  it('reads the embedded program and its test cases', () => {
    const embedded = addProgram();
    const bytes = buildBpte({
      program: embedded,
      suites: [{
        method: 'forward',
        cases: [
          { inputs: [{ kind: 'Tensor', dtype: 'FLOAT', sizes: [3], data: floats([1, 2, 3]) }], outputs: [{ kind: 'Tensor', dtype: 'FLOAT', sizes: [3], data: floats([2, 4, 6]) }] },
          { inputs: [{ kind: 'Int', value: 3 }, { kind: 'Bool', value: true }, { kind: 'Double', value: 0.25 }], outputs: [{ kind: 'Tensor', dtype: 'INT', sizes: [1], data: ints([9]) }] },
        ],
      }],
    });
    const file = readModelFile(bytes, { fileName: 'add.bpte' });
    if (file.kind !== 'bundled') throw new Error(`expected a bundled program, got ${file.kind}`);
    const { bundled } = file;
    expect(bundled.fileIdentifier).toBe('BP08');
    expect(bundled.version).toBe(2);
    expect(bundled.programOffset % 32).toBe(0);
    expect([...bytes.subarray(bundled.programOffset, bundled.programOffset + bundled.programSize)]).toEqual([...embedded]);
    expect(file.program.methods[0]?.name).toBe('forward');
    expect(file.program.constantBytes).toBe(16);
    expect(bundled.suites).toHaveLength(1);
    const [first, second] = bundled.suites[0]?.testCases ?? [];
    expect(first?.inputs[0]).toMatchObject({ kind: 'Tensor', dtype: 'FLOAT', sizes: [3], dimOrder: [0] });
    const expected = first?.expectedOutputs[0];
    expect(expected?.kind === 'Tensor' && [...new Float32Array(expected.data.slice().buffer)]).toEqual([2, 4, 6]);
    expect(second?.inputs).toEqual([{ kind: 'Int', value: 3 }, { kind: 'Bool', value: true }, { kind: 'Double', value: 0.25 }]);
  });
});
