/* aten::logical_not.out. */
#include "op_logical_not.h"

#define ETB_DEFINE_LOGICAL_NOT_OUT(KEY, A_T, OUT_T)                                        \
  etb_status etb_op_logical_not_out_##KEY(const etb_tensor *self, const etb_tensor *out,   \
                                          const etb_broadcast *plan) {                     \
    const A_T *a = (const A_T *)self->data;                                                \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, { o[off[0]] = (OUT_T)!(bool)a[off[1]]; });          \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_logical_not_out
ETB_VARIANTS_etb_op_logical_not_out(ETB_DEFINE_LOGICAL_NOT_OUT)
#endif
