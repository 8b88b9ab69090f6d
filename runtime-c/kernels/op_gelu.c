/* aten::gelu.out */
#include "op_gelu.h"

#define ETB_SQRT1_2 0.70710678118654752440
#define ETB_SQRT2 1.41421356237309504880
#define ETB_2_SQRTPI 1.12837916709551257390

/* The portable kernel lets parts of both formulas slip into double (C++ promotes x * M_SQRT1_2
 * and 0.5 * x). Here a float model computes in float with float libm functions only, so a
 * single-precision FPU does all the work, and lands within a few ulp of the portable results,
 * far inside the 1e-5 relative tolerance of transcendental functions:
 *   none: 1 + erf(z) is written erfc(-z), the same value without the cancellation that
 *         1 + erff(z) suffers for negative z (what remains is the rounding of z to float);
 *   tanh: the cubic term as the portable kernel forms it (its kappa is the float constant
 *         0.044715f, also for double), then x/2 * (1 + tanh), which differs from the double
 *         evaluation by at most one rounding. */
#define ETB_DEFINE_GELU_HELPERS(T, SUFFIX)                                                     \
  static inline T etb_gelu_none_##SUFFIX(T x) {                                                \
    if (isinf(x)) return x > 0 ? x : (T)0;                                                     \
    const T z = x * (T)ETB_SQRT1_2;                                                            \
    return (T)0.5 * x * ETB_LIBM(erfc, -z);                                                    \
  }                                                                                            \
  static inline T etb_gelu_tanh_##SUFFIX(T x) {                                                \
    if (isinf(x)) return x > 0 ? x : (T)0;                                                     \
    const T beta = (T)(ETB_SQRT2 * ETB_2_SQRTPI * 0.5);                                        \
    const T kappa = (T)0.044715f;                                                              \
    const T cube = x * x * x;                                                                  \
    const T inner = beta * (x + kappa * cube);                                                 \
    return (T)0.5 * x * ((T)1 + ETB_LIBM(tanh, inner));                                        \
  }
ETB_DEFINE_GELU_HELPERS(float, f32)
ETB_DEFINE_GELU_HELPERS(double, f64)

#define ETB_GELU_NONE(x) _Generic((x), float: etb_gelu_none_f32, default: etb_gelu_none_f64)(x)
#define ETB_GELU_TANH(x) _Generic((x), float: etb_gelu_tanh_f32, default: etb_gelu_tanh_f64)(x)

#define ETB_DEFINE_GELU_NONE_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_gelu_out_none_##KEY, IN_T, OUT_T, C_T, ETB_GELU_NONE(x))
#ifdef ETB_VARIANTS_etb_op_gelu_out_none
ETB_VARIANTS_etb_op_gelu_out_none(ETB_DEFINE_GELU_NONE_OUT)
#endif

#define ETB_DEFINE_GELU_TANH_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_gelu_out_tanh_##KEY, IN_T, OUT_T, C_T, ETB_GELU_TANH(x))
#ifdef ETB_VARIANTS_etb_op_gelu_out_tanh
ETB_VARIANTS_etb_op_gelu_out_tanh(ETB_DEFINE_GELU_TANH_OUT)
#endif
