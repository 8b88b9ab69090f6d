/* aten::mean.out: means over a list of dimensions (all of them when the list is None or empty),
 * in out's (floating) dtype. */
#ifndef ETB_OP_MEAN_H
#define ETB_OP_MEAN_H
#include "etb/kernel.h"
#include "etb/reduce.h"

/* `count` is the number of elements per mean, already in OUT_T as the portable kernel forms it. */
#define ETB_DECLARE_MEAN_OUT(KEY, IN_T, OUT_T)                                             \
  ETB_NODISCARD etb_status etb_op_mean_out_##KEY(const etb_tensor *self, const etb_tensor *out, \
                                                 const etb_reduce_plan *plan, OUT_T count);
#ifdef ETB_VARIANTS_etb_op_mean_out
ETB_VARIANTS_etb_op_mean_out(ETB_DECLARE_MEAN_OUT)
#endif

#endif
