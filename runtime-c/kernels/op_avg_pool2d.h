/* aten::avg_pool2d.out on [N, C, H, W] or [C, H, W] tensors. */
#ifndef ETB_OP_AVG_POOL2D_H
#define ETB_OP_AVG_POOL2D_H
#include "etb/kernel.h"
#include "etb/pool.h"

/* X(KEY, T, ACC_T): ACC_T is T for floats, uint64_t for int64 (sums wrap without undefined
 * behaviour). divisor_override 0 means "divide by the window's count". */
#define ETB_DECLARE_AVG_POOL2D_OUT(KEY, T, ACC_T)                                          \
  ETB_NODISCARD etb_status etb_op_avg_pool2d_out_##KEY(const etb_tensor *self,             \
                                                       const etb_tensor *out,              \
                                                       const etb_pool2d_plan *plan,        \
                                                       int64_t divisor_override);
#ifdef ETB_VARIANTS_etb_op_avg_pool2d_out
ETB_VARIANTS_etb_op_avg_pool2d_out(ETB_DECLARE_AVG_POOL2D_OUT)
#endif

#endif
