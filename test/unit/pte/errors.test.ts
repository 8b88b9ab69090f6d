// Broken files end in a named EtbError (code + where), never in a RangeError, a TypeError or a
// hang. Structural damage is made by editing bytes at positions found with the generated reader;
// semantic damage by asking the builder for an inconsistent program.
import { ByteBuffer, Builder } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { EtbError } from '../../../src/core/errors.js';
import * as et from '../../../src/pte/generated/program.js';
import { readModelFile } from '../../../src/pte/read.js';
import { buildPte, buildPtd, call, f32, floats, int, tensor, type MethodSpec } from '../../fixtures/pte-builder.js';

function readError(bytes: Uint8Array): EtbError {
  try {
    readModelFile(bytes, { fileName: 'model.pte' });
  } catch (error) {
    if (error instanceof EtbError) return error;
    throw error;
  }
  throw new Error('the file was read without error');
}

const addMethod: MethodSpec = {
  name: 'forward',
  values: [f32([3], { planned: { offset: 0 } }), f32([3], { constant: floats([1, 2, 3]) }), int(1), f32([3], { planned: { offset: 16 } })],
  inputs: [0],
  outputs: [3],
  instructions: [call('aten::add.out', [0, 1, 2, 3, 3])],
};
const good = buildPte({ methods: [addMethod] });
const method = (changes: Partial<MethodSpec>): Uint8Array => buildPte({ methods: [{ ...addMethod, ...changes }] });

function patched(bytes: Uint8Array, patch: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const copy = bytes.slice();
  patch(new DataView(copy.buffer), copy);
  return copy;
}

/** The first execution plan of a (valid) program, through the generated reader. */
function firstPlan(bytes: Uint8Array): et.ExecutionPlan {
  return et.Program.getRootAsProgram(new ByteBuffer(bytes)).executionPlan(0) as et.ExecutionPlan;
}

/** Position of the vtable entry for field `slot` of the table at `pos`. */
function fieldPosition(bytes: Uint8Array, pos: number, slot: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const vtable = pos - view.getInt32(pos, true);
  return pos + view.getUint16(vtable + 4 + 2 * slot, true);
}

describe('file-level errors', () => {
  it('rejects a file without an ExecuTorch identifier (ETB2001)', () => {
    const error = readError(new TextEncoder().encode('NOT_A_PTE file, just text'));
    expect(error.code).toBe('ETB2001');
    expect(error.message).toContain('"A_PT"');
    expect(error.exitCode).toBe(3);
  });

  it('rejects wrong magic in an otherwise good program (ETB2001)', () => {
    expect(readError(patched(good, (_, b) => b.set([0x45, 0x54, 0x31, 0x33], 4))).code).toBe('ETB2001');
  });

  it('rejects files too short to carry an identifier (ETB2002)', () => {
    expect(readError(new Uint8Array(0)).code).toBe('ETB2002');
    expect(readError(good.subarray(0, 7)).code).toBe('ETB2002');
  });

  it('rejects truncated programs (ETB2002)', () => {
    for (const length of [12, 40, 100, good.length - 1]) {
      expect(readError(good.subarray(0, length)).code, `truncated to ${length}`).toBe('ETB2002');
    }
  });

  it('rejects an eh00 header whose length is neither 24 nor 32 (ETB2003)', () => {
    const error = readError(patched(good, (v) => v.setUint32(12, 40, true)));
    expect(error.code).toBe('ETB2003');
    expect(error.location).toMatchObject({ file: 'model.pte', byteOffset: 8 });
  });

  it('rejects an absurd program size in the eh00 header (ETB2002)', () => {
    expect(readError(patched(good, (v) => v.setBigUint64(16, 0xffff_ffff_ffff_ffffn, true))).code).toBe('ETB2002');
  });

  it('rejects segments placed inside the program (ETB2003)', () => {
    expect(readError(patched(good, (v) => v.setBigUint64(24, 16n, true))).code).toBe('ETB2003');
  });
});

describe('flatbuffer structure errors (ETB2005)', () => {
  it('rejects a root offset outside the buffer', () => {
    const error = readError(patched(good, (v) => v.setUint32(0, 0x7fff_fff0, true)));
    expect(error.code).toBe('ETB2005');
    expect(error.location?.byteOffset).toBe(0);
  });

  it('rejects a vtable offset that points outside the buffer', () => {
    const error = readError(patched(good, (v) => v.setInt32(v.getUint32(0, true), -0x100000, true)));
    expect(error.code).toBe('ETB2005');
    expect(error.message).toMatch(/Program vtable/);
  });

  it('names the table path of an absurd vector length', () => {
    const plan = firstPlan(good);
    const valuesField = fieldPosition(good, plan.bb_pos, 2);
    const error = readError(patched(good, (v) => {
      const vector = valuesField + v.getUint32(valuesField, true);
      v.setUint32(vector, 0xffff_ffff, true);
    }));
    expect(error.code).toBe('ETB2005');
    expect(error.location?.table).toBe('Program.execution_plan[0].values');
    expect(error.message).toMatch(/4294967295 elements/);
  });

  it('rejects a string without its terminating zero', () => {
    const plan = firstPlan(good);
    const nameField = fieldPosition(good, plan.bb_pos, 0);
    const error = readError(patched(good, (v, b) => {
      const string = nameField + v.getUint32(nameField, true);
      b[string + 4 + v.getUint32(string, true)] = 0x41;
    }));
    expect(error.code).toBe('ETB2005');
    expect(error.location?.table).toBe('Program.execution_plan[0].name');
  });

  it('rejects an unknown union type tag', () => {
    const plan = firstPlan(good);
    const evalue = plan.values(0) as et.EValue;
    const error = readError(patched(good, (_, b) => { b[fieldPosition(good, evalue.bb_pos, 0)] = 42; }));
    expect(error.code).toBe('ETB2005');
    expect(error.message).toMatch(/unknown val type tag 42/);
    expect(error.location?.table).toBe('Program.execution_plan[0].values[0].val');
  });

  it('rejects a misaligned table', () => {
    const error = readError(patched(good, (v) => v.setUint32(0, v.getUint32(0, true) + 2, true)));
    expect(error.code).toBe('ETB2005');
    expect(error.message).toMatch(/not 4-byte aligned/);
  });
});

describe('bounded work', () => {
  it('rejects a small file whose shared sub-tables would expand to millions of tables (ETB2006)', () => {
    // One plan with 2000 values, referenced 2000 times: 4 million EValues from a ~30 KB file.
    const b = new Builder(1024);
    const evalue = et.EValue.createEValue(b, et.KernelTypes.Int, et.Int.createInt(b, 1n));
    const values = et.ExecutionPlan.createValuesVector(b, new Array<number>(2000).fill(evalue));
    const name = b.createString('forward');
    et.ExecutionPlan.startExecutionPlan(b);
    et.ExecutionPlan.addName(b, name);
    et.ExecutionPlan.addValues(b, values);
    const plan = et.ExecutionPlan.endExecutionPlan(b);
    const plans = et.Program.createExecutionPlanVector(b, new Array<number>(2000).fill(plan));
    et.Program.startProgram(b);
    et.Program.addExecutionPlan(b, plans);
    b.finish(et.Program.endProgram(b), 'ET12');
    const bytes = b.asUint8Array();
    expect(bytes.length).toBeLessThan(40_000);
    expect(readError(bytes).code).toBe('ETB2006');
  });
});

describe('program content errors', () => {
  it('rejects a method input that is not a value (ETB2007)', () => {
    const error = readError(method({ inputs: [99] }));
    expect(error.code).toBe('ETB2007');
    expect(error.location).toMatchObject({ method: 'forward', table: 'Program.execution_plan[0].inputs[0]' });
  });

  it('rejects kernel arguments that are not values, with the instruction (ETB2007)', () => {
    const error = readError(method({ instructions: [call('aten::add.out', [0, 1, 2, 3, 4])] }));
    expect(error.code).toBe('ETB2007');
    expect(error.location).toMatchObject({ method: 'forward', instruction: 0 });
  });

  it('rejects an operator index past the operator table (ETB2007)', () => {
    expect(readError(method({ instructions: [call('aten::add.out', [0, 1, 2, 3, 3]), call(5, [0])] })).code).toBe('ETB2007');
  });

  it('rejects a delegate index past the delegate table (ETB2007)', () => {
    expect(readError(method({ instructions: [{ kind: 'DelegateCall', delegateIndex: 0, args: [0] }] })).code).toBe('ETB2007');
  });

  it('rejects a jump past the end of its chain (ETB2007)', () => {
    expect(readError(method({ instructions: [{ kind: 'JumpFalseCall', cond: 2, destination: 7 }] })).code).toBe('ETB2007');
  });

  it('rejects an IntList item that is not an Int (ETB2008)', () => {
    const error = readError(method({ values: [...addMethod.values, { kind: 'IntList', items: [2, 0] }] }));
    expect(error.code).toBe('ETB2008');
    expect(error.message).toMatch(/IntList item 1 refers to value 0, a Tensor/);
  });

  it('rejects a TensorList item that is not a Tensor (ETB2008)', () => {
    expect(readError(method({ values: [...addMethod.values, { kind: 'TensorList', items: [0, 2] }] })).code).toBe('ETB2008');
  });

  it('rejects a dim order that is not a permutation (ETB2009)', () => {
    const error = readError(method({ values: [tensor('FLOAT', [3, 1], { dimOrder: [0, 0], planned: { offset: 0 } }), ...addMethod.values.slice(1)] }));
    expect(error.code).toBe('ETB2009');
  });

  it('rejects a negative size (ETB2009)', () => {
    expect(readError(method({ values: [f32([-3], { planned: { offset: 0 } }), ...addMethod.values.slice(1)] })).code).toBe('ETB2009');
  });

  it('rejects a constant past its constant segment (ETB2010)', () => {
    const error = readError(method({ values: [addMethod.values[0] as never, f32([3], { constant: floats([1, 2, 3]), dataBufferIdx: 7 }), ...addMethod.values.slice(2)] }));
    expect(error.code).toBe('ETB2010');
    expect(error.message).toMatch(/constant 7/);
  });

  it('rejects a planned tensor past the end of its memory buffer (ETB2010)', () => {
    const error = readError(method({ nonConstBufferSizes: [0, 20] }));
    expect(error.code).toBe('ETB2010');
    expect(error.message).toMatch(/12 bytes at offset 16 runs past the end of the 20-byte memory buffer 1/);
  });

  it('rejects a tensor planned in a buffer the method does not have (ETB2010)', () => {
    expect(readError(method({ values: [f32([3], { planned: { memoryId: 2, offset: 0 } }), ...addMethod.values.slice(1)] })).code).toBe('ETB2010');
  });

  it('rejects a segment that runs past the end of the file (ETB2010)', () => {
    // Grow the constant segment's recorded size past the file (and the header's data size with it).
    const bytes = patched(good, (v) => v.setBigUint64(32, 0n, true));
    const program = et.Program.getRootAsProgram(new ByteBuffer(bytes));
    const segment = program.segments(0) as et.DataSegment;
    const error = readError(patched(bytes, (v) => v.setBigUint64(fieldPosition(bytes, segment.bb_pos, 1), 1_000_000n, true)));
    expect(error.code).toBe('ETB2010');
    expect(error.location?.table).toBe('Program.segments[0]');
  });
});

describe('.ptd errors', () => {
  const ptd = buildPtd([{ key: 'w', dtype: 'FLOAT', sizes: [2], bytes: floats([1, 2]) }]);

  it('rejects a data file without its FH01 header (ETB2013)', () => {
    expect(readError(patched(ptd, (_, b) => b.set([0, 0, 0, 0], 8))).code).toBe('ETB2013');
  });

  it('rejects a truncated data file (ETB2002)', () => {
    expect(readError(ptd.subarray(0, ptd.length - 4)).code).toBe('ETB2002');
  });
});
