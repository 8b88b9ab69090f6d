/* Shared arithmetic of the cortex_m:: kernels (the int8 operators that upstream ExecuTorch runs on
 * CMSIS-NN). Everything here reproduces CMSIS-NN's fixed-point arithmetic bit for bit, written
 * from its definition:
 *
 *   requantize(v, m, s) = rounding_divide_by_pow2(doubling_high_mult(v << max(s, 0), m), max(-s, 0))
 *
 * with doubling_high_mult(a, b) = (a * b + 2^30) >> 31 in 64 bits (no saturation) and a rounding
 * divide that rounds halves away from zero. Shifts and wrap-around are done on unsigned values so
 * that the code has no undefined behaviour where CMSIS-NN relies on two's complement.
 *
 * Paths: the plain C code runs on every core. Where the core has the DSP extension (Cortex-M4,
 * M7, M33, M55: __ARM_FEATURE_DSP), the hot kernels also have a path with dual 16-bit
 * multiply-accumulates: ACLE intrinsics from <arm_acle.h>, and for the two innermost loops
 * (convolution, depthwise convolution) small assembly functions, because they need every
 * register. Both paths compute the same exact integer sums and the same requantization, so they
 * give identical bits. Defining ETB_CM_PLAIN_ONLY keeps the plain path on any core (less code).
 *
 * Every kernel function is compiled only when the program uses it (ETB_USE_<function> from the
 * generated etb_config.h, included through etb/kernel.h). No heap, nothing from libc beyond
 * string.h and math.h. */
#ifndef ETB_CORTEX_M_H
#define ETB_CORTEX_M_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "etb/kernel.h"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && !defined(ETB_CM_PLAIN_ONLY)
#define ETB_CM_DSP 1
#include <arm_acle.h>
#else
#define ETB_CM_DSP 0
#endif

#if defined(__GNUC__)
#define ETB_CM_INLINE static inline __attribute__((always_inline))
#else
#define ETB_CM_INLINE static inline
#endif

/* (a * b + 2^30) >> 31 without saturation (CMSIS-NN arm_nn_doubling_high_mult_no_sat). */
ETB_CM_INLINE int32_t etb_cm_doubling_high_mult(int32_t a, int32_t b) {
  const int64_t product = (int64_t)a * (int64_t)b + ((int64_t)1 << 30);
  /* The arithmetic right shift of a negative int64 is what GCC and Clang do. */
  return (int32_t)(product >> 31);
}

/* dividend / 2^exponent, rounding halves away from zero; exponent in [0, 31]. The rounding bit is
 * 1 exactly when the remainder exceeds half the divisor (minus one for positive dividends). */
ETB_CM_INLINE int32_t etb_cm_rounding_divide_pow2(int32_t dividend, int32_t exponent) {
  if (exponent == 0) return dividend;
  const uint32_t mask = (((uint32_t)1 << exponent) - 1u);
  const uint32_t half = (uint32_t)1 << (exponent - 1);
  const uint32_t remainder = (uint32_t)dividend & mask;
  const uint32_t negative = (uint32_t)dividend >> 31;
  const uint32_t round_up = (remainder + half - negative) >> exponent;
  return (dividend >> exponent) + (int32_t)round_up;
}

/* CMSIS-NN arm_nn_requantize (default double rounding): multiplier in (INT32_MIN, INT32_MAX],
 * shift in [-31, 30]. The left shift wraps as the 32-bit multiplication in CMSIS-NN does.
 *
 * The right shift is the rounding divide above in a shorter exact form: with h the high product
 * and e = -shift >= 1, round-half-away(h / 2^e) = (t >> e) + bit e-1 of t, where t = h - (h < 0).
 * h is never INT32_MIN for a multiplier in range, so h - 1 does not overflow. On cores with the
 * DSP extension the right-shift case is six instructions: SMULL; LSRS moves bit 30 of the low
 * word (the rounding bit of the high product) into the carry and ADC adds it; ASRS moves bit e-1
 * into the carry and ADC adds it. test/kernels/cortex_m/requantize.test.ts checks every form
 * against the CMSIS-NN definition. */
ETB_CM_INLINE int32_t etb_cm_requantize(int32_t value, int32_t multiplier, int32_t shift) {
#if ETB_CM_DSP
  /* Right shifts are the common case: lay that path out straight. */
  if (__builtin_expect(shift >= 0, 0)) {
    return etb_cm_doubling_high_mult((int32_t)((uint32_t)value << shift), multiplier);
  }
  int32_t high, low;
  __asm__("smull %[low], %[high], %[value], %[multiplier]\n\t"
          "lsrs  %[low], %[low], #31\n\t"
          "adc   %[high], %[low], %[high], lsl #1\n\t"
          "add   %[high], %[high], %[high], asr #31\n\t"
          "asrs  %[high], %[high], %[exponent]\n\t"
          "adc   %[high], %[high], #0"
          : [high] "=&r"(high), [low] "=&r"(low)
          : [value] "r"(value), [multiplier] "r"(multiplier), [exponent] "r"(-shift)
          : "cc");
  return high;
#else
  if (shift >= 0) return etb_cm_doubling_high_mult((int32_t)((uint32_t)value << shift), multiplier);
  const int32_t high = etb_cm_doubling_high_mult(value, multiplier);
  const int32_t biased = (int32_t)((uint32_t)high + (uint32_t)(high >> 31));
  return (biased >> -shift) + ((biased >> (-shift - 1)) & 1);
#endif
}

/* a + b as the 32-bit addition wraps (CMSIS-NN adds the output offset in int32). */
ETB_CM_INLINE int32_t etb_cm_wrapping_add(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}

ETB_CM_INLINE int32_t etb_cm_clamp(int32_t value, int32_t lo, int32_t hi) {
  return value < lo ? lo : (value > hi ? hi : value);
}

/* Requantize an accumulator to an int8 output: requantize, add the output offset, clamp. */
ETB_CM_INLINE int8_t etb_cm_requantize_s8(int32_t acc, int32_t multiplier, int32_t shift,
                                          int32_t output_offset, int32_t act_min, int32_t act_max) {
  return (int8_t)etb_cm_clamp(etb_cm_wrapping_add(etb_cm_requantize(acc, multiplier, shift), output_offset), act_min,
                              act_max);
}

/* The output side of a requantization, fixed for a whole kernel call. */
typedef struct etb_cm_output {
  int32_t offset;
  int32_t act_min, act_max;
  int32_t full_range; /* [act_min, act_max] is [-128, 127]: one saturation clamps */
} etb_cm_output;

ETB_CM_INLINE etb_cm_output etb_cm_output_of(int32_t offset, int32_t act_min, int32_t act_max) {
  const etb_cm_output out = {offset, act_min, act_max, act_min == -128 && act_max == 127};
  return out;
}

#if ETB_CM_DSP
/* The common case of etb_cm_requantize_s8 in eight instructions: a right shift (exponent =
 * -shift >= 1) and the full int8 output range, so that one SSAT clamps. */
ETB_CM_INLINE int8_t etb_cm_requantize_right_s8(int32_t acc, int32_t multiplier, int32_t exponent, int32_t offset) {
  int32_t high, low;
  __asm__("smull %[low], %[high], %[acc], %[multiplier]\n\t"
          "lsrs  %[low], %[low], #31\n\t"
          "adc   %[high], %[low], %[high], lsl #1\n\t"
          "add   %[high], %[high], %[high], asr #31\n\t"
          "asrs  %[high], %[high], %[exponent]\n\t"
          "adc   %[high], %[high], %[offset]\n\t"
          "ssat  %[high], #8, %[high]"
          : [high] "=&r"(high), [low] "=&r"(low)
          : [acc] "r"(acc), [multiplier] "r"(multiplier), [exponent] "r"(exponent), [offset] "r"(offset)
          : "cc");
  return (int8_t)high;
}
#endif

/* etb_cm_requantize_s8 with the output side of the call. */
ETB_CM_INLINE int8_t etb_cm_requantize_out(int32_t acc, int32_t multiplier, int32_t shift, const etb_cm_output *out) {
  const int32_t value = etb_cm_wrapping_add(etb_cm_requantize(acc, multiplier, shift), out->offset);
#if ETB_CM_DSP
  if (out->full_range) return (int8_t)__ssat(value, 8);
#endif
  return (int8_t)etb_cm_clamp(value, out->act_min, out->act_max);
}

/* Pooling geometry shared by the average and max pooling kernels: NHWC int8 tensors, the window
 * clipped to the input (padding is never part of a window). */
typedef struct etb_cm_pool_params {
  int32_t batches;
  int32_t input_h, input_w, channels;
  int32_t output_h, output_w;
  int32_t kernel_h, kernel_w;
  int32_t stride_h, stride_w;
  int32_t pad_h, pad_w; /* top and left padding */
  int32_t act_min, act_max;
} etb_cm_pool_params;

/* Rows [*y0, *y1) and columns [*x0, *x1) of the input inside the window of output (oy, ox). */
ETB_CM_INLINE void etb_cm_pool_window(const etb_cm_pool_params *p, int32_t oy, int32_t ox, int32_t *y0,
                                      int32_t *y1, int32_t *x0, int32_t *x1) {
  const int32_t top = oy * p->stride_h - p->pad_h, left = ox * p->stride_w - p->pad_w;
  *y0 = top < 0 ? 0 : top;
  *y1 = top + p->kernel_h < p->input_h ? top + p->kernel_h : p->input_h;
  *x0 = left < 0 ? 0 : left;
  *x1 = left + p->kernel_w < p->input_w ? left + p->kernel_w : p->input_w;
}

#if ETB_CM_DSP
/* Four int8 values as one word: unaligned word loads are fine on every core with the DSP
 * extension (unless the application sets CCR.UNALIGN_TRP). */
ETB_CM_INLINE uint32_t etb_cm_read_s8x4(const int8_t *p) {
  uint32_t word;
  memcpy(&word, p, 4);
  return word;
}

/* Bytes 0 and 2, and bytes 1 and 3, of a word sign-extended to 16-bit pairs and added to an
 * offset pair: (x0 + o, x2 + o) and (x1 + o, x3 + o). */
ETB_CM_INLINE uint32_t etb_cm_even_s16x2(uint32_t offset_pair, uint32_t word) {
  return __sxtab16(offset_pair, word);
}

/* The rotation is written in the instruction (SXTAB16 ... ROR #8): compilers do not fold it. */
ETB_CM_INLINE uint32_t etb_cm_odd_s16x2(uint32_t offset_pair, uint32_t word) {
  uint32_t result;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(result) : "r"(offset_pair), "r"(word));
  return result;
}

/* Bytes 0 and 2, and bytes 1 and 3, sign-extended to 16-bit pairs (SXTB16). */
ETB_CM_INLINE uint32_t etb_cm_even_s8x2(uint32_t word) {
  return __sxtb16(word);
}

ETB_CM_INLINE uint32_t etb_cm_odd_s8x2(uint32_t word) {
  uint32_t result;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(result) : "r"(word));
  return result;
}

/* The same 16-bit value in both halves of a word. */
ETB_CM_INLINE uint32_t etb_cm_pair_s16(int32_t value) {
  return ((uint32_t)value & 0xFFFFu) | ((uint32_t)value << 16);
}

/* Offsets the dual-16-bit paths can carry: (int8 + offset) must stay a 16-bit value. */
ETB_CM_INLINE int etb_cm_offset_fits_s16(int32_t offset) {
  return offset >= -32640 && offset <= 32640;
}
#endif

#endif /* ETB_CORTEX_M_H */
