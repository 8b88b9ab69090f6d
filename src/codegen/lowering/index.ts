// All lowerings, by operator name. Adding an operator: a kernel in runtime-c/kernels/ with its
// manifest entry, and a lowering in the family file here.
import { arithmeticLowerings } from './arithmetic.js';
import { compareLowerings } from './compare.js';
import { convLowerings } from './conv.js';
import { cortexMLowerings } from './cortex_m.js';
import { copyLowerings } from './copy.js';
import { indexingLowerings } from './indexing.js';
import { linalgLowerings } from './linalg.js';
import { poolLowerings } from './pool.js';
import { quantizedLowerings } from './quantized.js';
import { reduceLowerings } from './reduce.js';
import { shapeLowerings } from './shape.js';
import { unaryLowerings } from './unary.js';
import type { Lowering } from './types.js';

const ALL: readonly (readonly Lowering[])[] = [
  arithmeticLowerings,
  compareLowerings,
  convLowerings,
  cortexMLowerings,
  copyLowerings,
  indexingLowerings,
  linalgLowerings,
  poolLowerings,
  quantizedLowerings,
  reduceLowerings,
  shapeLowerings,
  unaryLowerings,
];

const byOp = new Map<string, Lowering>();
for (const group of ALL) for (const lowering of group) for (const op of lowering.ops) byOp.set(op, lowering);

export function loweringFor(opName: string): Lowering | undefined {
  return byOp.get(opName);
}

export function loweredOps(): readonly string[] {
  return [...byOp.keys()].sort();
}
