/* aten::amax.out. As in the portable kernel, a NaN anywhere wins (the last one seen). */
#include "op_amax.h"

#define ETB_GREATER(a, b) ((a) > (b))

#define ETB_DEFINE_AMAX_OUT(KEY, T)                                                        \
  ETB_DEFINE_REDUCE_EXTREME(etb_amax_of_##KEY, T, ETB_GREATER)                             \
  etb_status etb_op_amax_out_##KEY(const etb_tensor *self, const etb_tensor *out,          \
                                   const etb_reduce_plan *plan) {                          \
    const T *in = (const T *)self->data;                                                   \
    T *o = (T *)out->data;                                                                 \
    ETB_FOR_EACH_ELEMENT(plan->kept, 2, off, { o[off[0]] = etb_amax_of_##KEY(in + off[1], plan); }); \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_amax_out
ETB_VARIANTS_etb_op_amax_out(ETB_DEFINE_AMAX_OUT)
#endif
