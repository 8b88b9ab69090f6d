/* aten::argmax.out: int64 index of the maximum along one dimension (of the flattened tensor when
 * dim is None). */
#ifndef ETB_OP_ARGMAX_H
#define ETB_OP_ARGMAX_H
#include "etb/kernel.h"
#include "etb/reduce.h"

#define ETB_DECLARE_ARGMAX_OUT(KEY, T)                                                     \
  ETB_NODISCARD etb_status etb_op_argmax_out_##KEY(const etb_tensor *self, const etb_tensor *out, \
                                                   const etb_reduce_plan *plan);
#ifdef ETB_VARIANTS_etb_op_argmax_out
ETB_VARIANTS_etb_op_argmax_out(ETB_DECLARE_ARGMAX_OUT)
#endif

#endif
