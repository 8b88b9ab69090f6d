// Dtype, sizes and dim order are stored the same way in programs, bundled test cases and .ptd
// files; this checks and converts them once for all three.
import { ELEMENT_SIZE, SCALAR_TYPES, type ScalarTypeName } from './model.js';
import { CORRUPT_HINT, modelError, type ReadContext } from './errors.js';

const SCALAR_TYPE_NAMES = new Map<number, ScalarTypeName>(
  Object.entries(SCALAR_TYPES).map(([name, code]) => [code, name as ScalarTypeName]),
);

export interface ShapeSource {
  scalarType(): number;
  sizes(index: number): number | null;
  sizesLength(): number;
  dimOrder(index: number): number | null;
  dimOrderLength(): number;
}

export interface TensorShape {
  readonly dtype: ScalarTypeName;
  readonly sizes: readonly number[];
  readonly dimOrder: readonly number[];
}

export function scalarTypeName(code: number): ScalarTypeName | undefined {
  return SCALAR_TYPE_NAMES.get(code);
}

/** Reads and checks a tensor's dtype, sizes (non-negative) and dim order (a permutation of its dims). */
export function readTensorShape(source: ShapeSource, ctx: ReadContext, table: string): TensorShape {
  const fail = (message: string): never => {
    throw modelError('ETB2009', message, ctx, { table }, [CORRUPT_HINT]);
  };
  const code = source.scalarType();
  const dtype = scalarTypeName(code) ?? fail(`tensor has unknown scalar type ${code}`);
  const sizes: number[] = [];
  for (let i = 0; i < source.sizesLength(); i++) {
    const size = source.sizes(i) ?? 0;
    if (size < 0) fail(`tensor size ${i} is ${size}, sizes must not be negative`);
    sizes.push(size);
  }
  const dimOrder: number[] = [];
  for (let i = 0; i < source.dimOrderLength(); i++) dimOrder.push(source.dimOrder(i) ?? 0);
  if (dimOrder.length !== sizes.length) {
    fail(`tensor has ${sizes.length} sizes but a dim order of ${dimOrder.length} entries`);
  }
  const seen = new Set(dimOrder);
  if (seen.size !== dimOrder.length || dimOrder.some((d) => d >= dimOrder.length)) {
    fail(`tensor dim order [${dimOrder.join(', ')}] is not a permutation of its ${dimOrder.length} dimensions`);
  }
  return { dtype, sizes, dimOrder };
}

/** Bytes a tensor of this shape occupies; sub-byte types pack two (4-bit) or four (2-bit) per byte. */
export function shapeNbytes(shape: { readonly dtype: ScalarTypeName; readonly sizes: readonly number[] }): number {
  const numel = shape.sizes.reduce((a, b) => a * b, 1);
  const elementSize = ELEMENT_SIZE[shape.dtype];
  if (elementSize !== null) return numel * elementSize;
  return Math.ceil(numel / (shape.dtype === 'QUINT2X4' ? 4 : 2));
}
