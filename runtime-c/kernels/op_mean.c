/* aten::mean.out: the sum in out's dtype, divided by the element count. */
#include "op_mean.h"

#define ETB_DEFINE_MEAN_OUT(KEY, IN_T, OUT_T)                                              \
  ETB_DEFINE_REDUCE_SUM(etb_mean_sum_of_##KEY, IN_T, OUT_T, OUT_T)                         \
  etb_status etb_op_mean_out_##KEY(const etb_tensor *self, const etb_tensor *out,          \
                                   const etb_reduce_plan *plan, OUT_T count) {             \
    const IN_T *in = (const IN_T *)self->data;                                             \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    ETB_FOR_EACH_ELEMENT(plan->kept, 2, off, {                                             \
      o[off[0]] = etb_mean_sum_of_##KEY(in + off[1], plan) / count;                        \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_mean_out
ETB_VARIANTS_etb_op_mean_out(ETB_DEFINE_MEAN_OUT)
#endif
