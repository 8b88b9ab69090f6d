// PyTorch's type promotion, as the portable kernels apply it, evaluated at build time.
import type { ScalarTypeName, Value } from '../../pte/model.js';

// Order of the "category ladder" for promotion between two tensors.
const RANK: Partial<Record<ScalarTypeName, number>> = {
  BOOL: 0, BYTE: 1, CHAR: 2, SHORT: 3, INT: 4, LONG: 5, HALF: 6, BFLOAT16: 6, FLOAT: 7, DOUBLE: 8,
};

/** promoteTypes(a, b) for two tensor dtypes. */
export function promoteTypes(a: ScalarTypeName, b: ScalarTypeName): ScalarTypeName {
  if (a === b) return a;
  // uint8 with a signed integer type needs a type that holds both ranges.
  if ((a === 'BYTE' && b === 'CHAR') || (a === 'CHAR' && b === 'BYTE')) return 'SHORT';
  if ((a === 'HALF' && b === 'BFLOAT16') || (a === 'BFLOAT16' && b === 'HALF')) return 'FLOAT';
  const ra = RANK[a] ?? -1;
  const rb = RANK[b] ?? -1;
  return ra >= rb ? a : b;
}

/** The dtype of a Scalar argument as the kernels see it: Bool, Long or Double. */
export function scalarDtype(value: Value): 'BOOL' | 'LONG' | 'DOUBLE' | null {
  switch (value.kind) {
    case 'Bool': return 'BOOL';
    case 'Int': return 'LONG';
    case 'Double': return 'DOUBLE';
    default: return null;
  }
}

/** promote_type_with_scalar(t, scalar): the tensor's dtype wins within its category. */
export function promoteWithScalar(t: ScalarTypeName, scalar: 'BOOL' | 'LONG' | 'DOUBLE'): ScalarTypeName {
  if (scalar === 'BOOL') return t;
  if (scalar === 'LONG') return t === 'BOOL' ? 'LONG' : t;
  return t === 'FLOAT' || t === 'DOUBLE' || t === 'HALF' || t === 'BFLOAT16' ? t : 'FLOAT';
}

/** get_compute_type: reduced-precision floats compute in float. */
export function computeType(t: ScalarTypeName): ScalarTypeName {
  return t === 'HALF' || t === 'BFLOAT16' ? 'FLOAT' : t;
}
