/* aten::sum.IntList_out. */
#include "op_sum.h"

#define ETB_DEFINE_SUM_INTLIST_OUT(KEY, IN_T, OUT_T, ACC_T)                                \
  ETB_DEFINE_REDUCE_SUM(etb_sum_of_##KEY, IN_T, OUT_T, ACC_T)                              \
  etb_status etb_op_sum_intlist_out_##KEY(const etb_tensor *self, const etb_tensor *out,   \
                                          const etb_reduce_plan *plan) {                   \
    const IN_T *in = (const IN_T *)self->data;                                             \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    ETB_FOR_EACH_ELEMENT(plan->kept, 2, off, {                                             \
      o[off[0]] = (OUT_T)etb_sum_of_##KEY(in + off[1], plan);                              \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_sum_intlist_out
ETB_VARIANTS_etb_op_sum_intlist_out(ETB_DEFINE_SUM_INTLIST_OUT)
#endif
