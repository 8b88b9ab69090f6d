/* Elementwise kernels over one or two tensors (add, sub, mul, div, comparisons, logical and
 * bitwise operators, maximum, pow, ...): the per-element arithmetic of the portable kernels,
 * generic over the compute type, and macros that define whole kernels from one expression.
 *
 * Every kernel reads its operands in their own dtype, converts them to the compute type C_T,
 * evaluates the operator there, converts the result to C_T and then to out's dtype: the order
 * of conversions of the reference runtime, which decides the results of mixed-dtype calls
 * (int8 wrap-around, float-to-int truncation). The lowering chooses C_T by PyTorch's promotion
 * rules at build time. */
#ifndef ETB_BINARY_H
#define ETB_BINARY_H

#include <math.h>

#include "etb/etb.h"
#include "etb/elementwise.h"

/* Integer add, sub and mul wrap around in two's complement, as the reference runtime's do on
 * every target it runs on. int32 and int64 go through unsigned arithmetic because signed
 * overflow is undefined in C; narrower types are promoted to int, where they cannot overflow,
 * and wrap when the result is converted back. Floats are plain IEEE arithmetic. A product of
 * bools is their conjunction (the same 0/1, without gcc's int-in-bool-context warning). */
static inline int32_t etb_wrap_add_i32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static inline int64_t etb_wrap_add_i64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static inline int32_t etb_wrap_sub_i32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }
static inline int64_t etb_wrap_sub_i64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static inline int32_t etb_wrap_mul_i32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
static inline int64_t etb_wrap_mul_i64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

#define ETB_ADD(x, y)                                                                      \
  _Generic((x), int32_t: etb_wrap_add_i32((x), (y)), int64_t: etb_wrap_add_i64((x), (y)),  \
           default: (x) + (y))
#define ETB_SUB(x, y)                                                                      \
  _Generic((x), int32_t: etb_wrap_sub_i32((x), (y)), int64_t: etb_wrap_sub_i64((x), (y)),  \
           default: (x) - (y))
#define ETB_MUL(x, y)                                                                      \
  _Generic((x), int32_t: etb_wrap_mul_i32((x), (y)), int64_t: etb_wrap_mul_i64((x), (y)),  \
           bool: (x) && (y), default: (x) * (y))

/* 1 when x has an integer (or bool) type: integer division by zero is an error, not inf. */
#define ETB_IS_INTEGER(x) _Generic((x), float: 0, double: 0, default: 1)

/* Integer quotients, computed in int64 (exact for every narrower type). x / -1 is a negation so
 * that INT64_MIN / -1 wraps instead of trapping. */
static inline int64_t etb_trunc_div_i64(int64_t a, int64_t b) {
  return b == -1 ? (int64_t)(0u - (uint64_t)a) : a / b;
}
static inline int64_t etb_floor_div_i64(int64_t a, int64_t b) {
  const int64_t q = etb_trunc_div_i64(a, b);
  return ((a < 0) != (b < 0)) && b != -1 && a % b != 0 ? q - 1 : q;
}

/* Python's floor division for floats, as the portable kernels define it: (a - fmod(a, b)) / b,
 * minus one when the remainder's sign differs from the divisor's; +-inf when b is 0. */
static inline float etb_floor_div_f32(float a, float b) {
  if (b == 0) return signbit(a) ? -__builtin_inff() : __builtin_inff();
  const float mod = fmodf(a, b);
  const float div = (a - mod) / b;
  return (mod != 0 && (signbit(b) != 0) != (signbit(mod) != 0)) ? div - 1 : div;
}
static inline double etb_floor_div_f64(double a, double b) {
  if (b == 0) return signbit(a) ? -__builtin_inf() : __builtin_inf();
  const double mod = fmod(a, b);
  const double div = (a - mod) / b;
  return (mod != 0 && (signbit(b) != 0) != (signbit(mod) != 0)) ? div - 1 : div;
}

#define ETB_TRUNC_DIV(x, y)                                                                        \
  _Generic((x), float: truncf((float)(x) / (float)(y)), double: trunc((double)(x) / (double)(y)),  \
           default: etb_trunc_div_i64((x), (y)))
#define ETB_FLOOR_DIV(x, y)                                                                        \
  _Generic((x), float: etb_floor_div_f32, double: etb_floor_div_f64, default: etb_floor_div_i64)(  \
      (x), (y))

/* remainder: the result takes the divisor's sign. The reference keeps the float remainder in a
 * float even when computing in double; integers use C's truncating %. */
static inline float etb_remainder_f32(float a, float b) {
  float rem = fmodf(a, b);
  if (((a < 0) != (b < 0)) && rem != 0) rem += b;
  return rem;
}
static inline double etb_remainder_f64(double a, double b) {
  float rem = (float)fmod(a, b);
  if (((a < 0) != (b < 0)) && rem != 0) rem = (float)(rem + b);
  return rem;
}
static inline int64_t etb_remainder_i64(int64_t a, int64_t b) { return b == -1 ? 0 : a % b; }
#define ETB_REMAINDER(x, y)                                                                        \
  _Generic((x), float: etb_remainder_f32, double: etb_remainder_f64, default: etb_remainder_i64)(  \
      (x), (y))

/* maximum / minimum propagate NaN: a NaN first operand wins, then a NaN second operand. */
static inline float etb_max_f32(float a, float b) {
  return isnan(a) ? a : isnan(b) ? b : (a < b ? b : a);
}
static inline double etb_max_f64(double a, double b) {
  return isnan(a) ? a : isnan(b) ? b : (a < b ? b : a);
}
static inline int64_t etb_max_i64(int64_t a, int64_t b) { return a < b ? b : a; }
static inline float etb_min_f32(float a, float b) {
  return isnan(a) ? a : isnan(b) ? b : (b < a ? b : a);
}
static inline double etb_min_f64(double a, double b) {
  return isnan(a) ? a : isnan(b) ? b : (b < a ? b : a);
}
static inline int64_t etb_min_i64(int64_t a, int64_t b) { return b < a ? b : a; }
#define ETB_MAX(x, y)                                                                      \
  _Generic((x), float: etb_max_f32, double: etb_max_f64, default: etb_max_i64)((x), (y))
#define ETB_MIN(x, y)                                                                      \
  _Generic((x), float: etb_min_f32, double: etb_min_f64, default: etb_min_i64)((x), (y))

/* pow and fmod always compute in float or double (the lowering picks which). */
#define ETB_POW(x, y)                                                                      \
  _Generic((x), float: powf((float)(x), (float)(y)), default: pow((double)(x), (double)(y)))
#define ETB_FMOD(x, y)                                                                     \
  _Generic((x), float: fmodf((float)(x), (float)(y)), default: fmod((double)(x), (double)(y)))

/* A tensor-tensor kernel `NAME(self, other, out, plan)`: out = EXPR with x = self and y = other
 * in the compute type, broadcast by the build-time plan (operand 0 the output). When FAIL_IF
 * (an expression of x and y) holds for an element, the kernel stops with
 * ETB_INVALID_ARGUMENT, where the reference runtime reports an error (integer division by zero). */
#define ETB_DEFINE_BINARY_KERNEL(NAME, A_T, B_T, OUT_T, C_T, FAIL_IF, EXPR)                \
  etb_status NAME(const etb_tensor *self, const etb_tensor *other, const etb_tensor *out,  \
                  const etb_broadcast *plan) {                                             \
    const A_T *a_ = (const A_T *)self->data;                                               \
    const B_T *b_ = (const B_T *)other->data;                                              \
    OUT_T *o_ = (OUT_T *)out->data;                                                        \
    ETB_FOR_EACH_ELEMENT(plan, 3, off, {                                                   \
      const C_T x = (C_T)a_[off[1]];                                                       \
      const C_T y = (C_T)b_[off[2]];                                                       \
      if (FAIL_IF) return ETB_INVALID_ARGUMENT;                                            \
      const C_T result_ = (C_T)(EXPR);                                                     \
      o_[off[0]] = (OUT_T)result_;                                                         \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#define ETB_DECLARE_BINARY_KERNEL(NAME)                                                    \
  ETB_NODISCARD etb_status NAME(const etb_tensor *self, const etb_tensor *other,           \
                                const etb_tensor *out, const etb_broadcast *plan);

/* A tensor-scalar kernel `NAME(self, scalar, out, plan)`: out = EXPR with x = self in the
 * compute type and y = the scalar, already converted to the compute type by the generator. */
#define ETB_DEFINE_TENSOR_SCALAR_KERNEL(NAME, A_T, OUT_T, C_T, FAIL_IF, EXPR)              \
  etb_status NAME(const etb_tensor *self, C_T scalar, const etb_tensor *out,               \
                  const etb_broadcast *plan) {                                             \
    const A_T *a_ = (const A_T *)self->data;                                               \
    OUT_T *o_ = (OUT_T *)out->data;                                                        \
    const C_T y = scalar;                                                                  \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, {                                                   \
      const C_T x = (C_T)a_[off[1]];                                                       \
      if (FAIL_IF) return ETB_INVALID_ARGUMENT;                                            \
      const C_T result_ = (C_T)(EXPR);                                                     \
      o_[off[0]] = (OUT_T)result_;                                                         \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#define ETB_DECLARE_TENSOR_SCALAR_KERNEL(NAME, C_T)                                         \
  ETB_NODISCARD etb_status NAME(const etb_tensor *self, C_T scalar, const etb_tensor *out,  \
                                const etb_broadcast *plan);

#endif /* ETB_BINARY_H */
