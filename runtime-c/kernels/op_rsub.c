/* aten::rsub.Scalar_out. */
#include "op_rsub.h"

#define ETB_DEFINE_RSUB_SCALAR_OUT(KEY, A_T, OUT_T, C_T)                                   \
  etb_status etb_op_rsub_scalar_out_##KEY(const etb_tensor *self, C_T other, C_T alpha,    \
                                          const etb_tensor *out,                           \
                                          const etb_broadcast *plan) {                     \
    const A_T *a = (const A_T *)self->data;                                                \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, {                                                   \
      const C_T x = (C_T)a[off[1]];                                                        \
      o[off[0]] = (OUT_T)(C_T)ETB_SUB(other, ETB_MUL(alpha, x));                           \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_rsub_scalar_out
ETB_VARIANTS_etb_op_rsub_scalar_out(ETB_DEFINE_RSUB_SCALAR_OUT)
#endif
