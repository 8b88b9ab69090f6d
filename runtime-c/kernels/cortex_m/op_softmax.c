/* cortex_m::softmax.out. The fixed-point helpers follow CMSIS-NN's definitions exactly (gemmlowp's
 * exp_on_negative_values and one_over_one_plus_x_for_x_in_0_1); sums wrap as in two's
 * complement. */
#include "op_softmax.h"

#if defined(ETB_USE_etb_cm_softmax_s8)
#define ACCUM_BITS 12

static int32_t wrap_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

/* Saturating rounding doubling high multiply (VQRDMULH): rounds to nearest, ties away from zero. */
static int32_t mul_sat(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  const int64_t nudge = ((a < 0) != (b < 0)) ? 1 - ((int64_t)1 << 30) : ((int64_t)1 << 30);
  return (int32_t)(((int64_t)a * b + nudge) / ((int64_t)1 << 31));
}

/* value * 2^exponent, saturated. */
static int32_t mul_pow2(int32_t value, int32_t exponent) {
  const int32_t threshold = (int32_t)(((uint32_t)1 << (31 - exponent)) - 1u);
  if (value > threshold) return INT32_MAX;
  if (value < -threshold) return INT32_MIN;
  return (int32_t)((uint32_t)value << exponent);
}

/* exp(x) for x <= 0 given in Q5.26, result in Q0.31. */
static int32_t exp_on_negative_values(int32_t value) {
  const int32_t mod_minus_quarter = (value & ((1 << 24) - 1)) - (1 << 24);
  const int32_t remainder = wrap_add(mod_minus_quarter, (int32_t)(0u - (uint32_t)value));
  const int32_t x = mod_minus_quarter * 32 + (1 << 28);
  const int32_t x2 = mul_sat(x, x);
  const int32_t x3 = mul_sat(x2, x);
  const int32_t x4_over_4 = etb_cm_rounding_divide_pow2(mul_sat(x2, x2), 2);
  const int32_t poly = etb_cm_rounding_divide_pow2(wrap_add(mul_sat(wrap_add(x4_over_4, x3), 715827883), x2), 1);
  int32_t result = wrap_add(1895147668, mul_sat(1895147668, wrap_add(x, poly)));
  static const int32_t factors[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int32_t i = 0; i < 7; i++) {
    if (remainder & (1 << (24 + i))) result = mul_sat(result, factors[i]);
  }
  return value == 0 ? INT32_MAX : result;
}

/* 1 / (1 + x) for x in [0, 1) given in Q0.31, result in Q1.30 (three Newton-Raphson steps). */
static int32_t one_over_one_plus_x(int32_t value) {
  const int64_t sum = (int64_t)value + INT32_MAX;
  const int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
  int32_t x = wrap_add(1515870810, mul_sat(half_denominator, -1010580540));
  const int32_t one_quarter = 1 << 29;
  for (int32_t i = 0; i < 3; i++) {
    const int32_t error = wrap_add(one_quarter, (int32_t)(0u - (uint32_t)mul_sat(half_denominator, x)));
    x = wrap_add(x, mul_pow2(mul_sat(x, error), 2));
  }
  return mul_pow2(x, 1);
}

static int32_t count_leading_zeros(uint32_t value) {
  int32_t n = 0;
  if (value == 0) return 32;
  while (!(value & 0x80000000u)) {
    value <<= 1;
    n++;
  }
  return n;
}

etb_status etb_cm_softmax_s8(const int8_t *input, int8_t *output, int32_t rows, int32_t row_size,
                             int32_t input_multiplier, int32_t input_shift, int32_t diff_min) {
  const int32_t scale = (int32_t)((uint32_t)1 << input_shift);
  for (int32_t r = 0; r < rows; r++) {
    const int8_t *in = input + (size_t)r * row_size;
    int8_t *out = output + (size_t)r * row_size;
    int8_t max = in[0];
    for (int32_t c = 1; c < row_size; c++) max = in[c] > max ? in[c] : max;

    int32_t sum = 0;
    for (int32_t c = 0; c < row_size; c++) {
      const int32_t diff = in[c] - max;
      if (diff >= diff_min) {
        const int32_t scaled = mul_sat((int32_t)((uint32_t)diff * (uint32_t)scale), input_multiplier);
        sum = wrap_add(sum, etb_cm_rounding_divide_pow2(exp_on_negative_values(scaled), ACCUM_BITS));
      }
    }

    const int32_t headroom = count_leading_zeros((uint32_t)sum);
    const uint32_t normalized = sum > 0 ? (uint32_t)sum << headroom : 0u;
    const int32_t shifted_scale = one_over_one_plus_x((int32_t)(normalized - 0x80000000u));
    const int32_t bits_over_unit = ACCUM_BITS - headroom + 23;

    for (int32_t c = 0; c < row_size; c++) {
      const int32_t diff = in[c] - max;
      if (diff < diff_min || bits_over_unit > 31) {
        out[c] = -128;
        continue;
      }
      const int32_t scaled = mul_sat((int32_t)((uint32_t)diff * (uint32_t)scale), input_multiplier);
      const int32_t probability = mul_sat(shifted_scale, exp_on_negative_values(scaled));
      const int32_t result = etb_cm_rounding_divide_pow2(probability, bits_over_unit) - 128;
      out[c] = (int8_t)etb_cm_clamp(result, -128, 127);
    }
  }
  return ETB_OK;
}
#endif
