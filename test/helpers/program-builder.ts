// Builds small one-method programs in memory (the model that src/pte produces from a .pte), so
// that kernels can be run on shapes, dtypes, layouts and arguments no stored case covers. Method
// inputs and outputs are unplanned tensors (the generator gives them static storage); constants
// carry their bytes. Tensor data is given and returned in logical (row-major) order; the builder
// converts to and from each tensor's memory order.
import type { LoadedModel } from '../../src/pipeline.js';
import type { Instruction, Method, Operator, ScalarTypeName, TensorValue, Value } from '../../src/pte/model.js';

export type Numbers = readonly (number | bigint)[];

const ELEMENT: Partial<Record<ScalarTypeName, { size: number; write: (v: DataView, at: number, x: number | bigint) => void; read: (v: DataView, at: number) => number | bigint }>> = {
  BOOL: { size: 1, write: (v, at, x) => v.setUint8(at, Number(x) ? 1 : 0), read: (v, at) => v.getUint8(at) },
  BYTE: { size: 1, write: (v, at, x) => v.setUint8(at, Number(x)), read: (v, at) => v.getUint8(at) },
  CHAR: { size: 1, write: (v, at, x) => v.setInt8(at, Number(x)), read: (v, at) => v.getInt8(at) },
  SHORT: { size: 2, write: (v, at, x) => v.setInt16(at, Number(x), true), read: (v, at) => v.getInt16(at, true) },
  INT: { size: 4, write: (v, at, x) => v.setInt32(at, Number(x), true), read: (v, at) => v.getInt32(at, true) },
  LONG: { size: 8, write: (v, at, x) => v.setBigInt64(at, BigInt(x), true), read: (v, at) => v.getBigInt64(at, true) },
  FLOAT: { size: 4, write: (v, at, x) => v.setFloat32(at, Number(x), true), read: (v, at) => v.getFloat32(at, true) },
  DOUBLE: { size: 8, write: (v, at, x) => v.setFloat64(at, Number(x), true), read: (v, at) => v.getFloat64(at, true) },
};

function element(dtype: ScalarTypeName): NonNullable<(typeof ELEMENT)[ScalarTypeName]> {
  const e = ELEMENT[dtype];
  if (!e) throw new Error(`program-builder: no ${dtype}`);
  return e;
}

/** For each logical (row-major) index, the element's position in memory under `dimOrder`. */
export function memoryPositions(sizes: readonly number[], dimOrder: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length).fill(0);
  let running = 1;
  for (let k = dimOrder.length - 1; k >= 0; k--) {
    const d = dimOrder[k] ?? k;
    strides[d] = running;
    running *= sizes[d] ?? 1;
  }
  const numel = sizes.reduce((a, b) => a * b, 1);
  const positions: number[] = [];
  for (let i = 0; i < numel; i++) {
    let rest = i;
    let pos = 0;
    for (let d = sizes.length - 1; d >= 0; d--) {
      const size = sizes[d] ?? 1;
      pos += (rest % size) * (strides[d] ?? 0);
      rest = Math.floor(rest / size);
    }
    positions.push(pos);
  }
  return positions;
}

export function encode(dtype: ScalarTypeName, sizes: readonly number[], dimOrder: readonly number[], logical: Numbers): Uint8Array {
  const e = element(dtype);
  const bytes = new Uint8Array(logical.length * e.size);
  const view = new DataView(bytes.buffer);
  memoryPositions(sizes, dimOrder).forEach((pos, i) => e.write(view, pos * e.size, logical[i] ?? 0));
  return bytes;
}

export function decode(dtype: ScalarTypeName, sizes: readonly number[], dimOrder: readonly number[], bytes: Uint8Array): (number | bigint)[] {
  const e = element(dtype);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return memoryPositions(sizes, dimOrder).map((pos) => e.read(view, pos * e.size));
}

export interface TensorSpec {
  readonly dtype: ScalarTypeName;
  readonly sizes: readonly number[];
  readonly dimOrder?: readonly number[];
}

export class ProgramBuilder {
  private readonly values: Value[] = [];
  private readonly inputs: number[] = [];
  private readonly outputs: number[] = [];
  private readonly instructions: Instruction[] = [];
  private readonly operators: Operator[] = [];
  /** Input bytes (memory order), by method input position. */
  readonly inputBytes: Uint8Array[] = [];

  private tensor(spec: TensorSpec, data: TensorValue['data']): number {
    this.values.push({
      kind: 'Tensor', dtype: spec.dtype, sizes: [...spec.sizes], dimOrder: [...(spec.dimOrder ?? spec.sizes.map((_, i) => i))],
      storageOffset: 0, requiresGrad: false, dataBufferIdx: data.kind === 'constant' ? 1 : 0, allocation: null,
      dynamism: 'STATIC', fqn: null, data,
    });
    return this.values.length - 1;
  }

  input(spec: TensorSpec, logical: Numbers): number {
    const index = this.tensor(spec, { kind: 'none' });
    this.inputs.push(index);
    this.inputBytes.push(encode(spec.dtype, spec.sizes, spec.dimOrder ?? spec.sizes.map((_, i) => i), logical));
    return index;
  }

  constant(spec: TensorSpec, logical: Numbers): number {
    return this.tensor(spec, { kind: 'constant', bytes: encode(spec.dtype, spec.sizes, spec.dimOrder ?? spec.sizes.map((_, i) => i), logical) });
  }

  /** A tensor the method returns; its position among the outputs is returned as `output`. */
  output(spec: TensorSpec): { index: number; output: number } {
    const index = this.tensor(spec, { kind: 'none' });
    this.outputs.push(index);
    return { index, output: this.outputs.length - 1 };
  }

  private push(value: Value): number {
    this.values.push(value);
    return this.values.length - 1;
  }

  int(value: number): number { return this.push({ kind: 'Int', value }); }
  double(value: number): number { return this.push({ kind: 'Double', value }); }
  bool(value: boolean): number { return this.push({ kind: 'Bool', value }); }
  none(): number { return this.push({ kind: 'Null' }); }
  doubles(items: readonly number[]): number { return this.push({ kind: 'DoubleList', items: [...items] }); }
  tensors(items: readonly number[]): number { return this.push({ kind: 'TensorList', items: [...items] }); }
  /** An IntList refers to Int values, as exir writes it. */
  ints(items: readonly number[]): number {
    const valueIndices = items.map((v) => this.int(v));
    return this.push({ kind: 'IntList', valueIndices, items: [...items] });
  }

  call(op: string, args: readonly number[]): void {
    const [name = '', overload = ''] = op.split('.');
    let opIndex = this.operators.findIndex((o) => o.name === name && o.overload === overload);
    if (opIndex < 0) opIndex = this.operators.push({ name, overload }) - 1;
    this.instructions.push({ kind: 'KernelCall', opIndex, args: [...args] });
  }

  model(name: string): LoadedModel {
    const method: Method = {
      name: 'forward', values: this.values, inputs: this.inputs, outputs: this.outputs,
      chains: [{ inputs: this.inputs, outputs: this.outputs, instructions: this.instructions }],
      operators: this.operators, delegates: [], nonConstBufferSizes: [0],
    };
    return {
      path: `${name}.pte`, name, sha256: '0'.repeat(64), bundled: null,
      program: {
        fileIdentifier: 'ET12', version: 0, extendedHeader: null, segments: [], methods: [method],
        constantStorage: 'segment', constantBytes: 0, namedData: [], mutableDataBytes: [], inlineDelegateDataBytes: [],
      },
    };
  }
}
