/* Shared pieces of the elementwise unary kernels (math functions, activations, clamps).
 *
 * The kernels are dtype templates instantiated with (KEY, IN_T, OUT_T, C_T): every element is read
 * as IN_T, converted to the compute type C_T, mapped, and converted to OUT_T, as the portable
 * kernels do. The math helpers below pick the float or double libm function from the type of
 * their argument, so one template serves both precisions and float code never touches double. */
#ifndef ETB_UNARY_H
#define ETB_UNARY_H

#include "etb/kernel.h"

/* fn in the precision of x: expf for a float, exp for a double. */
#define ETB_LIBM(fn, x) _Generic((x), float: fn##f, default: fn)(x)

/* isnan for any element type (integers are never NaN). */
#define ETB_ELEMENT_ISNAN(x) _Generic((x), float: isnan((float)(x)), double: isnan((double)(x)), default: false)

/* x < 0, spelled so that instantiations for unsigned types (where it is always false) do not trip
 * -Wtype-limits. NaN is not negative. */
#define ETB_BELOW_ZERO(x) (!(ETB_ELEMENT_ISNAN(x) || (x) > 0 || (x) == 0))

/* PyTorch's maximum / minimum as clamp and hardtanh use them: a NaN operand wins (the first one
 * if both are NaN); otherwise std::max / std::min, which return the first operand on ties, so
 * clamping -0.0 at 0.0 keeps -0.0. Arguments are evaluated more than once: pass variables. */
#define ETB_NAN_MAX(a, b) (ETB_ELEMENT_ISNAN(a) ? (a) : ETB_ELEMENT_ISNAN(b) ? (b) : ((a) < (b) ? (b) : (a)))
#define ETB_NAN_MIN(a, b) (ETB_ELEMENT_ISNAN(a) ? (a) : ETB_ELEMENT_ISNAN(b) ? (b) : ((b) < (a) ? (b) : (a)))

/* -x without signed-overflow UB: 32- and 64-bit integers negate in unsigned arithmetic, so the
 * most negative value maps to itself as on two's-complement hardware (narrower integers are
 * promoted to int, where negation cannot overflow, and wrap when stored). */
#define ETB_WRAP_NEGATE(x)                                                             \
  _Generic((x),                                                                        \
      int32_t: (int32_t)(UINT32_C(0) - (uint32_t)(x)),                                 \
      int64_t: (int64_t)(UINT64_C(0) - (uint64_t)(x)),                                 \
      default: -(x))

/* The body of a parameterless unary operator: out = (OUT_T)EXPR for every element, EXPR reading
 * `x`, the self element converted to C_T. The plan iterates out (operand 0) and self (operand 1),
 * so differing dim orders are handled; equal layouts coalesce to one plain loop. */
#define ETB_UNARY_SIGNATURE(NAME) \
  etb_status NAME(const etb_tensor *self, const etb_tensor *out, const etb_broadcast *plan)

#define ETB_DEFINE_UNARY_MAP(NAME, IN_T, OUT_T, C_T, EXPR)                             \
  ETB_UNARY_SIGNATURE(NAME) {                                                          \
    const IN_T *in_ = (const IN_T *)self->data;                                        \
    OUT_T *out_ = (OUT_T *)out->data;                                                  \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, {                                               \
      const C_T x = (C_T)in_[off[1]];                                                  \
      out_[off[0]] = (OUT_T)(EXPR);                                                    \
    });                                                                                \
    return ETB_OK;                                                                     \
  }

#define ETB_DECLARE_UNARY_MAP(NAME) ETB_NODISCARD ETB_UNARY_SIGNATURE(NAME);

/* clamp(x, lo, hi) = min(max(x, lo), hi) in C_T, shared by clamp.out and hardtanh.out. A missing
 * bound is passed as the type's lowest / highest value (or -inf / +inf), which never changes x:
 * max(x, -inf) is x for every x, NaN included. */
#define ETB_CLAMP_SCALAR_SIGNATURE(NAME, C_T)                                          \
  etb_status NAME(const etb_tensor *self, C_T lo, C_T hi, const etb_tensor *out,       \
                  const etb_broadcast *plan)

#define ETB_DEFINE_CLAMP_SCALAR(NAME, IN_T, OUT_T, C_T)                                \
  ETB_CLAMP_SCALAR_SIGNATURE(NAME, C_T) {                                              \
    const IN_T *in_ = (const IN_T *)self->data;                                        \
    OUT_T *out_ = (OUT_T *)out->data;                                                  \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, {                                               \
      const C_T x = (C_T)in_[off[1]];                                                  \
      const C_T above = ETB_NAN_MAX(x, lo);                                            \
      out_[off[0]] = (OUT_T)ETB_NAN_MIN(above, hi);                                    \
    });                                                                                \
    return ETB_OK;                                                                     \
  }

#define ETB_DECLARE_CLAMP_SCALAR(NAME, C_T) ETB_NODISCARD ETB_CLAMP_SCALAR_SIGNATURE(NAME, C_T);

#endif /* ETB_UNARY_H */
