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
 * multiply-accumulates (ACLE intrinsics from <arm_acle.h>). Both paths compute the same exact
 * integer sums and share the requantization below, so they give identical bits. Defining
 * ETB_CM_PLAIN_ONLY forces the plain path (tests use it to check one against the other).
 *
 * No heap, nothing from libc beyond string.h and math.h. */
#ifndef ETB_CORTEX_M_H
#define ETB_CORTEX_M_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "etb/etb.h"

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
 * shift in [-31, 30]. The left shift wraps as the 32-bit multiplication in CMSIS-NN does. */
ETB_CM_INLINE int32_t etb_cm_requantize(int32_t value, int32_t multiplier, int32_t shift) {
  const int32_t left = shift > 0 ? shift : 0;
  const int32_t right = shift > 0 ? 0 : -shift;
  const int32_t shifted = (int32_t)((uint32_t)value << left);
  return etb_cm_rounding_divide_pow2(etb_cm_doubling_high_mult(shifted, multiplier), right);
}

ETB_CM_INLINE int32_t etb_cm_clamp(int32_t value, int32_t lo, int32_t hi) {
  return value < lo ? lo : (value > hi ? hi : value);
}

/* Requantize an accumulator to an int8 output: requantize, add the output offset, clamp. */
ETB_CM_INLINE int8_t etb_cm_requantize_s8(int32_t acc, int32_t multiplier, int32_t shift,
                                          int32_t output_offset, int32_t act_min, int32_t act_max) {
  return (int8_t)etb_cm_clamp(etb_cm_requantize(acc, multiplier, shift) + output_offset, act_min, act_max);
}

#if ETB_CM_DSP
/* Four int8 values as one word (unaligned loads are fine on every core with the DSP extension). */
ETB_CM_INLINE uint32_t etb_cm_read_s8x4(const int8_t *p) {
  uint32_t word;
  memcpy(&word, p, 4);
  return word;
}

ETB_CM_INLINE uint32_t etb_cm_read_s8x2(const int8_t *p) {
  uint16_t half;
  memcpy(&half, p, 2);
  return half;
}

/* Bytes 0 and 2, and bytes 1 and 3, of a word sign-extended to 16-bit pairs and added to an
 * offset pair: (x0 + o, x2 + o) and (x1 + o, x3 + o). */
ETB_CM_INLINE uint32_t etb_cm_even_s16x2(uint32_t offset_pair, uint32_t word) {
  return __sxtab16(offset_pair, word);
}

ETB_CM_INLINE uint32_t etb_cm_odd_s16x2(uint32_t offset_pair, uint32_t word) {
  return __sxtab16(offset_pair, (word >> 8) | (word << 24));
}

/* The low halves of a and b as one word: (a.lo, b.lo) (PKHBT). */
ETB_CM_INLINE uint32_t etb_cm_pack_low(uint32_t a, uint32_t b) {
  return (a & 0xFFFFu) | (b << 16);
}

/* The high halves of a and b as one word: (a.hi, b.hi) (PKHTB). */
ETB_CM_INLINE uint32_t etb_cm_pack_high(uint32_t a, uint32_t b) {
  return (a >> 16) | (b & 0xFFFF0000u);
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
