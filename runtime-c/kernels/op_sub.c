/* aten::sub.out, aten::sub.Scalar_out. */
#include "op_sub.h"

#define ETB_DEFINE_SUB_OUT(KEY, A_T, B_T, OUT_T, C_T)                                      \
  etb_status etb_op_sub_out_##KEY(const etb_tensor *self, const etb_tensor *other,         \
                                  C_T alpha, const etb_tensor *out,                        \
                                  const etb_broadcast *plan) {                             \
    const A_T *a = (const A_T *)self->data;                                                \
    const B_T *b = (const B_T *)other->data;                                               \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    ETB_FOR_EACH_ELEMENT(plan, 3, off, {                                                   \
      const C_T x = (C_T)a[off[1]];                                                        \
      const C_T y = (C_T)b[off[2]];                                                        \
      o[off[0]] = (OUT_T)(C_T)ETB_SUB(x, ETB_MUL(alpha, y));                               \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_sub_out
ETB_VARIANTS_etb_op_sub_out(ETB_DEFINE_SUB_OUT)
#endif

/* alpha * other is formed once and converted to the compute type, as the portable kernel does
 * (for int8 that conversion wraps before the subtraction). */
#define ETB_DEFINE_SUB_SCALAR_OUT(KEY, A_T, OUT_T, C_T)                                    \
  etb_status etb_op_sub_scalar_out_##KEY(const etb_tensor *self, C_T other, C_T alpha,     \
                                         const etb_tensor *out,                            \
                                         const etb_broadcast *plan) {                      \
    const A_T *a = (const A_T *)self->data;                                                \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    const C_T subtrahend = (C_T)ETB_MUL(alpha, other);                                     \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, {                                                   \
      const C_T x = (C_T)a[off[1]];                                                        \
      o[off[0]] = (OUT_T)(C_T)ETB_SUB(x, subtrahend);                                      \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_sub_scalar_out
ETB_VARIANTS_etb_op_sub_scalar_out(ETB_DEFINE_SUB_SCALAR_OUT)
#endif
