// How .pte dtypes and values are spelled in C.
import { EtbError } from '../core/errors.js';
import type { ScalarTypeName } from '../pte/model.js';

interface CType {
  readonly c: string;       // the C element type
  readonly suffix: string;  // kernel name suffix: etb_op_add_out_f32
  readonly enumName: string; // etb_dtype constant
}

const C_TYPES: Partial<Record<ScalarTypeName, CType>> = {
  BYTE: { c: 'uint8_t', suffix: 'u8', enumName: 'ETB_U8' },
  CHAR: { c: 'int8_t', suffix: 'i8', enumName: 'ETB_I8' },
  SHORT: { c: 'int16_t', suffix: 'i16', enumName: 'ETB_I16' },
  INT: { c: 'int32_t', suffix: 'i32', enumName: 'ETB_I32' },
  LONG: { c: 'int64_t', suffix: 'i64', enumName: 'ETB_I64' },
  FLOAT: { c: 'float', suffix: 'f32', enumName: 'ETB_F32' },
  DOUBLE: { c: 'double', suffix: 'f64', enumName: 'ETB_F64' },
  BOOL: { c: 'bool', suffix: 'b8', enumName: 'ETB_BOOL' },
  UINT16: { c: 'uint16_t', suffix: 'u16', enumName: 'ETB_U16' },
  UINT32: { c: 'uint32_t', suffix: 'u32', enumName: 'ETB_U32' },
  UINT64: { c: 'uint64_t', suffix: 'u64', enumName: 'ETB_U64' },
};

export function isSupportedDtype(dtype: ScalarTypeName): boolean {
  return C_TYPES[dtype] !== undefined;
}

export function cType(dtype: ScalarTypeName): CType {
  const t = C_TYPES[dtype];
  if (!t) {
    throw new EtbError('ETB2108', `dtype ${dtype} is not supported by etbuild's C runtime`, {
      hints: ['export the model with float32 or integer tensors'],
    });
  }
  return t;
}

export const isFloatDtype = (d: ScalarTypeName): boolean => d === 'FLOAT' || d === 'DOUBLE' || d === 'HALF' || d === 'BFLOAT16';
export const isIntegralDtype = (d: ScalarTypeName): boolean =>
  ['BYTE', 'CHAR', 'SHORT', 'INT', 'LONG', 'UINT16', 'UINT32', 'UINT64'].includes(d);

/** A float literal that reads back to exactly the same float32 value. */
export function floatLiteral(value: number): string {
  if (Number.isNaN(value)) return '(0.0f / 0.0f)';
  if (!Number.isFinite(value)) return value > 0 ? 'ETB_INF_F' : '(-ETB_INF_F)';
  const f = Math.fround(value);
  if (Object.is(f, -0)) return '-0.0f';
  let text = String(f);
  for (let digits = 1; digits <= 17; digits++) {
    const candidate = f.toPrecision(digits);
    if (Math.fround(Number(candidate)) === f) { text = candidate; break; }
  }
  if (!/[.e]/.test(text)) text += '.0';
  return `${text}f`;
}

/** A double literal that reads back to exactly the same float64 value. */
export function doubleLiteral(value: number): string {
  if (Number.isNaN(value)) return '(0.0 / 0.0)';
  if (!Number.isFinite(value)) return value > 0 ? 'ETB_INF_D' : '(-ETB_INF_D)';
  if (Object.is(value, -0)) return '-0.0';
  let text = String(value);
  if (!/[.e]/.test(text)) text += '.0';
  return text;
}

/** An int64 literal; values beyond int64 (the format's "to the end" sentinels) saturate. */
export function int64Literal(value: number): string {
  if (value >= 9223372036854775807) return 'INT64_MAX';
  if (value <= -9223372036854775808) return 'INT64_MIN';
  return `INT64_C(${Math.trunc(value)})`;
}

/** A literal of the given dtype for a numeric (or boolean) scalar value. */
export function literalOf(dtype: ScalarTypeName, value: number | boolean): string {
  const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  switch (dtype) {
    case 'FLOAT': return floatLiteral(v);
    case 'DOUBLE': return doubleLiteral(v);
    case 'BOOL': return v !== 0 ? 'true' : 'false';
    case 'LONG': return int64Literal(v);
    case 'UINT64': return `UINT64_C(${Math.trunc(v)})`;
    case 'UINT32': return `${Math.trunc(v)}u`;
    case 'INT': return v === -2147483648 ? 'INT32_MIN' : `${Math.trunc(v)}`;
    default: return `${Math.trunc(v)}`;
  }
}
