// Test support for kernels without golden data: small programs written with the test-only .pte
// builder, built for the host with sanitizers and run, and plain n-dimensional arrays with which
// the tests compute the expected results from the operators' definitions.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPte, call, type TensorSpec, type ValueSpec } from '../fixtures/pte-builder.js';
import { SANITIZE } from '../helpers/host-case.js';
import { buildHost, loadModel, runHost, type HostBuild } from '../../src/pipeline.js';
import { ELEMENT_SIZE, type ScalarTypeName } from '../../src/pte/model.js';

// --- n-dimensional arrays ----------------------------------------------------------------------

/** A tensor's values in logical (row-major) order, whatever its dim order in memory. */
export interface Nd {
  readonly dtype: ScalarTypeName;
  readonly sizes: readonly number[];
  readonly dimOrder?: readonly number[];
  readonly values: readonly number[];
}

export const numel = (sizes: readonly number[]): number => sizes.reduce((a, b) => a * b, 1);

export function coordsOf(flat: number, sizes: readonly number[]): number[] {
  const coords = new Array<number>(sizes.length).fill(0);
  for (let d = sizes.length - 1; d >= 0; d--) {
    const size = sizes[d] ?? 1;
    coords[d] = flat % size;
    flat = Math.floor(flat / size);
  }
  return coords;
}

export function flatOf(coords: readonly number[], sizes: readonly number[]): number {
  return coords.reduce((flat, c, d) => flat * (sizes[d] ?? 1) + c, 0);
}

/** Builds an array from a function of the coordinates. */
export function nd(dtype: ScalarTypeName, sizes: readonly number[], at: (coords: number[]) => number, dimOrder?: readonly number[]): Nd {
  const values = Array.from({ length: numel(sizes) }, (_, i) => at(coordsOf(i, sizes)));
  return dimOrder ? { dtype, sizes, dimOrder, values } : { dtype, sizes, values };
}

export function get(a: Nd, coords: readonly number[]): number {
  const v = a.values[flatOf(coords, a.sizes)];
  if (v === undefined) throw new Error(`coordinates [${coords.join(', ')}] outside [${a.sizes.join(', ')}]`);
  return v;
}

/** Element offsets of each logical dimension in memory, from the dim order. */
function memoryStrides(sizes: readonly number[], dimOrder: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length).fill(0);
  let running = 1;
  for (let k = dimOrder.length - 1; k >= 0; k--) {
    const d = dimOrder[k] ?? k;
    strides[d] = running;
    running *= sizes[d] ?? 1;
  }
  return strides;
}

function writeValue(view: DataView, at: number, dtype: ScalarTypeName, v: number): void {
  switch (dtype) {
    case 'FLOAT': view.setFloat32(at, v, true); break;
    case 'DOUBLE': view.setFloat64(at, v, true); break;
    case 'LONG': view.setBigInt64(at, BigInt(v), true); break;
    case 'INT': view.setInt32(at, v, true); break;
    case 'SHORT': view.setInt16(at, v, true); break;
    case 'UINT16': view.setUint16(at, v, true); break;
    case 'CHAR': view.setInt8(at, v); break;
    case 'BYTE': case 'BOOL': view.setUint8(at, v); break;
    default: throw new Error(`no test encoding for ${dtype}`);
  }
}

function readValue(view: DataView, at: number, dtype: ScalarTypeName): number {
  switch (dtype) {
    case 'FLOAT': return view.getFloat32(at, true);
    case 'DOUBLE': return view.getFloat64(at, true);
    case 'LONG': return Number(view.getBigInt64(at, true));
    case 'INT': return view.getInt32(at, true);
    case 'SHORT': return view.getInt16(at, true);
    case 'UINT16': return view.getUint16(at, true);
    case 'CHAR': return view.getInt8(at);
    case 'BYTE': case 'BOOL': return view.getUint8(at);
    default: throw new Error(`no test encoding for ${dtype}`);
  }
}

/** The tensor's bytes in memory order. */
export function encode(a: Nd): Uint8Array {
  const size = ELEMENT_SIZE[a.dtype] ?? 1;
  const bytes = new Uint8Array(numel(a.sizes) * size);
  const view = new DataView(bytes.buffer);
  const strides = memoryStrides(a.sizes, a.dimOrder ?? a.sizes.map((_, i) => i));
  a.values.forEach((v, i) => {
    const offset = coordsOf(i, a.sizes).reduce((sum, c, d) => sum + c * (strides[d] ?? 0), 0);
    writeValue(view, offset * size, a.dtype, v);
  });
  return bytes;
}

/** Logical values from bytes in memory order. */
export function decode(bytes: Uint8Array, dtype: ScalarTypeName, sizes: readonly number[], dimOrder?: readonly number[]): number[] {
  const size = ELEMENT_SIZE[dtype] ?? 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const strides = memoryStrides(sizes, dimOrder ?? sizes.map((_, i) => i));
  return Array.from({ length: numel(sizes) }, (_, i) => {
    const offset = coordsOf(i, sizes).reduce((sum, c, d) => sum + c * (strides[d] ?? 0), 0);
    return readValue(view, offset * size, dtype);
  });
}

// --- programs ----------------------------------------------------------------------------------

type Layout = Pick<TensorSpec, 'dimOrder'>;

/** One method: values, planned memory (every non-constant tensor gets its own 16-byte aligned slot). */
export class MethodBuilder {
  readonly values: ValueSpec[] = [];
  readonly inputs: number[] = [];
  readonly outputs: number[] = [];
  readonly instructions: ReturnType<typeof call>[] = [];
  readonly inputData: Uint8Array[] = [];
  readonly outputShapes: { dtype: ScalarTypeName; sizes: readonly number[]; dimOrder?: readonly number[] }[] = [];
  private end = 0;

  constructor(readonly name = 'forward') {}

  private add(v: ValueSpec): number {
    this.values.push(v);
    return this.values.length - 1;
  }

  private planned(dtype: ScalarTypeName, sizes: readonly number[], layout: Layout): number {
    const offset = this.end;
    this.end = Math.ceil((offset + Math.max(numel(sizes) * (ELEMENT_SIZE[dtype] ?? 1), 1)) / 16) * 16;
    return this.add({ kind: 'Tensor', dtype, sizes, ...layout, planned: { offset } });
  }

  input(a: Nd): number {
    const index = this.planned(a.dtype, a.sizes, a.dimOrder ? { dimOrder: a.dimOrder } : {});
    this.inputs.push(index);
    this.inputData.push(encode(a));
    return index;
  }

  constant(a: Nd): number {
    return this.add({ kind: 'Tensor', dtype: a.dtype, sizes: a.sizes, ...(a.dimOrder ? { dimOrder: a.dimOrder } : {}), constant: encode(a) });
  }

  output(dtype: ScalarTypeName, sizes: readonly number[], dimOrder?: readonly number[]): number {
    const index = this.planned(dtype, sizes, dimOrder ? { dimOrder } : {});
    this.outputs.push(index);
    this.outputShapes.push(dimOrder ? { dtype, sizes, dimOrder } : { dtype, sizes });
    return index;
  }

  int(value: number | bigint): number { return this.add({ kind: 'Int', value }); }
  double(value: number): number { return this.add({ kind: 'Double', value }); }
  bool(value: boolean): number { return this.add({ kind: 'Bool', value }); }
  none(): number { return this.add({ kind: 'Null' }); }
  ints(items: readonly number[]): number { return this.add({ kind: 'IntList', items: items.map((v) => this.int(v)) }); }
  tensors(items: readonly number[]): number { return this.add({ kind: 'TensorList', items }); }
  optionalTensors(items: readonly number[]): number { return this.add({ kind: 'OptionalTensorList', items }); }

  call(op: string, args: readonly number[]): void {
    this.instructions.push(call(op, args));
  }
}

export interface ProgramRun {
  /** Decoded outputs of a method that ran to the end. */
  run(method: MethodBuilder): Promise<number[][]>;
  readonly build: HostBuild;
}

/** Writes the methods into one .pte, builds it for the host with ASan/UBSan; `done` removes it. */
export async function buildProgram(methods: readonly MethodBuilder[]): Promise<ProgramRun & { done(): void }> {
  const work = mkdtempSync(join(tmpdir(), 'etb-kernels-'));
  const pte = buildPte({
    methods: methods.map((m) => ({ name: m.name, values: m.values, inputs: m.inputs, outputs: m.outputs, instructions: m.instructions })),
  });
  writeFileSync(join(work, 'program.pte'), pte);
  let build: HostBuild;
  try {
    build = await buildHost(await loadModel(join(work, 'program.pte')), join(work, 'build'), { cflags: SANITIZE });
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return {
    build,
    async run(method) {
      const inputs = join(work, `${method.name}-in`);
      mkdirSync(inputs, { recursive: true });
      method.inputData.forEach((bytes, i) => writeFileSync(join(inputs, `${i}.bin`), bytes));
      const { outputs } = await runHost(build, method.name, inputs, join(work, `${method.name}-out`));
      return outputs.map((bytes, i) => {
        const shape = method.outputShapes[i];
        if (!shape) throw new Error(`unexpected output ${i}`);
        return decode(bytes, shape.dtype, shape.sizes, shape.dimOrder);
      });
    },
    done: () => rmSync(work, { recursive: true, force: true }),
  };
}
