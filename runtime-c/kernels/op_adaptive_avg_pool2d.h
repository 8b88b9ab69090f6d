/* aten::_adaptive_avg_pool2d.out on [N, C, H, W] or [C, H, W] tensors. */
#ifndef ETB_OP_ADAPTIVE_AVG_POOL2D_H
#define ETB_OP_ADAPTIVE_AVG_POOL2D_H
#include "etb/kernel.h"
#include "etb/pool.h"

#define ETB_DECLARE_ADAPTIVE_AVG_POOL2D_OUT(KEY, T)                                        \
  ETB_NODISCARD etb_status etb_op_adaptive_avg_pool2d_out_##KEY(                           \
      const etb_tensor *self, const etb_tensor *out, const etb_pool2d_plan *plan);
#ifdef ETB_VARIANTS_etb_op_adaptive_avg_pool2d_out
ETB_VARIANTS_etb_op_adaptive_avg_pool2d_out(ETB_DECLARE_ADAPTIVE_AVG_POOL2D_OUT)
#endif

#endif
