/* aten::max_pool2d_with_indices.out on [N, C, H, W] or [C, H, W] tensors: the maxima and, for
 * each, the flat index (row * W + column) of the input element it came from. */
#ifndef ETB_OP_MAX_POOL2D_WITH_INDICES_H
#define ETB_OP_MAX_POOL2D_WITH_INDICES_H
#include "etb/kernel.h"
#include "etb/pool.h"

#define ETB_DECLARE_MAX_POOL2D_WITH_INDICES_OUT(KEY, T)                                    \
  ETB_NODISCARD etb_status etb_op_max_pool2d_with_indices_out_##KEY(                       \
      const etb_tensor *self, const etb_tensor *out, const etb_tensor *indices,            \
      const etb_pool2d_plan *plan);
#ifdef ETB_VARIANTS_etb_op_max_pool2d_with_indices_out
ETB_VARIANTS_etb_op_max_pool2d_with_indices_out(ETB_DECLARE_MAX_POOL2D_WITH_INDICES_OUT)
#endif

#endif
