/* aten::sum.IntList_out: sums over a list of dimensions (all of them when the list is None or
 * empty), in out's dtype. */
#ifndef ETB_OP_SUM_H
#define ETB_OP_SUM_H
#include "etb/kernel.h"
#include "etb/reduce.h"

/* X(KEY, IN_T, OUT_T, ACC_T): ACC_T is OUT_T for floats and bool, the unsigned type of OUT_T's
 * width (at least 32 bits) for integers. */
#define ETB_DECLARE_SUM_INTLIST_OUT(KEY, IN_T, OUT_T, ACC_T)                               \
  ETB_NODISCARD etb_status etb_op_sum_intlist_out_##KEY(                                   \
      const etb_tensor *self, const etb_tensor *out, const etb_reduce_plan *plan);
#ifdef ETB_VARIANTS_etb_op_sum_intlist_out
ETB_VARIANTS_etb_op_sum_intlist_out(ETB_DECLARE_SUM_INTLIST_OUT)
#endif

#endif
