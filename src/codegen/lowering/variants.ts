// Naming of dtype variants of kernel functions: when all operands share a dtype the suffix is
// that dtype's ("f32"), otherwise all of them joined ("i32_f32_f32").
import type { ScalarTypeName } from '../../pte/model.js';
import { cType } from '../ctypes.js';

export function variantSuffix(dtypes: readonly ScalarTypeName[]): string {
  return dtypes.every((d) => d === dtypes[0])
    ? cType(dtypes[0] ?? 'FLOAT').suffix
    : dtypes.map((d) => cType(d).suffix).join('_');
}
