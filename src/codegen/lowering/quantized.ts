// quantized_decomposed::quantize_per_tensor and dequantize_per_tensor (.out with scale and zero
// point as numbers, .Tensor_out with one-element tensors). They follow the reference kernels of
// kernels/quantized: quantize multiplies by inv_scale = 1.0f / (float)scale in float, rounds half
// to even, adds the zero point and clamps to [quant_min, quant_max]; dequantize computes
// (q - zero_point) * (float)scale in float. For .out, inv_scale, the float scale and the zero point
// are computed here. Arguments the reference kernel would reject fail the build.
import type { ScalarTypeName, TensorValue } from '../../pte/model.js';
import { SCALAR_TYPES } from '../../pte/model.js';
import { cType, floatLiteral, int64Literal } from '../ctypes.js';
import { stridesOf } from './broadcast.js';
import { expectShape, shapeText } from './shape.js';
import type { Lowering, LoweringContext } from './types.js';
import { variantSuffix } from './variants.js';

/** The integer dtypes a quantized tensor may have, with their value ranges. */
const QUANT_RANGES: Partial<Record<ScalarTypeName, readonly [number, number]>> = {
  BYTE: [0, 255],
  CHAR: [-128, 127],
  SHORT: [-32768, 32767],
  UINT16: [0, 65535],
  INT: [-2147483648, 2147483647],
};

const FLOAT_DTYPES: readonly ScalarTypeName[] = ['FLOAT', 'DOUBLE'];

/** A ScalarType argument (its enum number) by name. */
function dtypeArgument(ctx: LoweringContext, name: string): ScalarTypeName {
  const number = ctx.number(name);
  const found = (Object.keys(SCALAR_TYPES) as ScalarTypeName[]).find((k) => SCALAR_TYPES[k] === number);
  return found ?? ctx.fail('ETB2140', `${ctx.opName}: ${name} ${number} is not a ScalarType`);
}

/** The quantized tensor's dtype: one of QUANT_RANGES, equal to the `dtype` argument. */
function quantizedDtype(ctx: LoweringContext, name: string): ScalarTypeName {
  const t = ctx.tensor(name);
  const declared = dtypeArgument(ctx, 'dtype');
  if (t.dtype !== declared) ctx.fail('ETB2142', `${ctx.opName}: ${name} is ${t.dtype} but dtype says ${declared}`);
  if (!QUANT_RANGES[t.dtype]) {
    ctx.fail('ETB2142', `${ctx.opName}: ${name} is ${t.dtype}; quantized tensors are ${Object.keys(QUANT_RANGES).join(', ')}`);
  }
  return t.dtype;
}

function floatDtype(ctx: LoweringContext, name: string): ScalarTypeName {
  const dtype = ctx.tensor(name).dtype;
  if (!FLOAT_DTYPES.includes(dtype)) ctx.fail('ETB2142', `${ctx.opName}: ${name} is ${dtype}; it must be FLOAT or DOUBLE`);
  return dtype;
}

/** Elementwise over memory order: input and out must have one shape and one layout. */
function expectSameLayout(ctx: LoweringContext): void {
  const input = ctx.tensor('input');
  const out = ctx.tensor('out');
  expectShape(ctx, 'out', out, input.sizes);
  if (stridesOf(input).some((s, i) => s !== stridesOf(out)[i])) {
    ctx.fail('ETB2141', `${ctx.opName}: input (dim order [${input.dimOrder.join(', ')}]) and out (dim order [${out.dimOrder.join(', ')}]) must share one layout`);
  }
}

/** The reference kernels take the zero point as int32. */
function zeroPoint(ctx: LoweringContext): number {
  const zp = ctx.number('zero_point');
  if (!Number.isInteger(zp) || zp < -2147483648 || zp > 2147483647) ctx.fail('ETB2140', `${ctx.opName}: zero_point ${zp} does not fit in int32`);
  return zp;
}

/** .Tensor_out: scale is a one-element float64 tensor, zero_point a one-element int64 tensor. */
function expectParameterTensors(ctx: LoweringContext): void {
  const check = (name: string, t: TensorValue, dtype: ScalarTypeName): void => {
    if (t.dtype !== dtype || t.sizes.reduce((a, b) => a * b, 1) !== 1) {
      ctx.fail('ETB2140', `${ctx.opName}: ${name} must be a one-element ${dtype} tensor, got ${shapeText(t)}`);
    }
  };
  check('scale', ctx.tensor('scale'), 'DOUBLE');
  check('zero_point', ctx.tensor('zero_point'), 'LONG');
}

function quantize(overload: 'out' | 'Tensor_out'): Lowering {
  return {
    ops: [`quantized_decomposed::quantize_per_tensor.${overload}`],
    emit(ctx) {
      const input = floatDtype(ctx, 'input');
      const out = quantizedDtype(ctx, 'out');
      expectSameLayout(ctx);
      const [lowest, highest] = QUANT_RANGES[out] ?? [0, 0];
      const qmin = ctx.number('quant_min');
      const qmax = ctx.number('quant_max');
      if (qmin < lowest || qmax > highest) {
        ctx.fail('ETB2140', `${ctx.opName}: [quant_min, quant_max] = [${qmin}, ${qmax}] exceeds the range of ${out} [${lowest}, ${highest}]`);
      }
      const types = [cType(input).c, cType(out).c];
      const range = `${int64Literal(qmin)}, ${int64Literal(qmax)}`;
      if (overload === 'out') {
        const invScale = Math.fround(1 / Math.fround(ctx.number('scale')));
        const fn = ctx.use('etb_op_quantize_per_tensor_out', variantSuffix([input, out]), types);
        return `${fn}(${ctx.tensorRef('input')}, ${floatLiteral(invScale)}, ${zeroPoint(ctx)}, ${range}, ${ctx.tensorRef('out')})`;
      }
      expectParameterTensors(ctx);
      const fn = ctx.use('etb_op_quantize_per_tensor_tensor_out', variantSuffix([input, out]), types);
      return `${fn}(${ctx.tensorRef('input')}, ${ctx.tensorRef('scale')}, ${ctx.tensorRef('zero_point')}, ${range}, ${ctx.tensorRef('out')})`;
    },
  };
}

function dequantize(overload: 'out' | 'Tensor_out'): Lowering {
  return {
    ops: [`quantized_decomposed::dequantize_per_tensor.${overload}`],
    emit(ctx) {
      const input = quantizedDtype(ctx, 'input');
      const out = floatDtype(ctx, 'out');
      if (!ctx.isNull('out_dtype') && dtypeArgument(ctx, 'out_dtype') !== out) {
        ctx.fail('ETB2142', `${ctx.opName}: out is ${out} but out_dtype says ${dtypeArgument(ctx, 'out_dtype')}`);
      }
      expectSameLayout(ctx);
      if (ctx.number('quant_min') > ctx.number('quant_max')) {
        ctx.fail('ETB2140', `${ctx.opName}: quant_min ${ctx.number('quant_min')} is above quant_max ${ctx.number('quant_max')}`);
      }
      const types = [cType(input).c, cType(out).c];
      if (overload === 'out') {
        const fn = ctx.use('etb_op_dequantize_per_tensor_out', variantSuffix([input, out]), types);
        return `${fn}(${ctx.tensorRef('input')}, ${floatLiteral(Math.fround(ctx.number('scale')))}, ${zeroPoint(ctx)}, ${ctx.tensorRef('out')})`;
      }
      expectParameterTensors(ctx);
      const fn = ctx.use('etb_op_dequantize_per_tensor_tensor_out', variantSuffix([input, out]), types);
      return `${fn}(${ctx.tensorRef('input')}, ${ctx.tensorRef('scale')}, ${ctx.tensorRef('zero_point')}, ${ctx.tensorRef('out')})`;
    },
  };
}

export const quantizedLowerings: readonly Lowering[] = [
  quantize('out'),
  quantize('Tensor_out'),
  dequantize('out'),
  dequantize('Tensor_out'),
];
