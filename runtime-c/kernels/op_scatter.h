/* aten::scatter.value_out and aten::scatter.src_out: out = self, then for every position of
 * index (int64, 0 <= value < self.size(dim)) the element of out whose coordinate along dim is
 * the index value there receives `value` (converted to self's dtype at build time) or src's
 * element at that position. The lowering makes sure self and out share one layout. Plan operands:
 * out (stride 0 along dim), src (unused by value_out: strides 0), index. */
#ifndef ETB_OP_SCATTER_H
#define ETB_OP_SCATTER_H
#include "etb/copy.h"
#include "etb/index_plan.h"

#define ETB_SCATTER_VALUE_OUT_SIGNATURE(KEY, T)                                             \
  etb_status etb_op_scatter_value_out_##KEY(const etb_tensor *self, const etb_tensor *index, \
                                            T value, const etb_tensor *out,                 \
                                            const etb_index_plan *plan)

#define ETB_DECLARE_SCATTER_VALUE_OUT(KEY, T) ETB_NODISCARD ETB_SCATTER_VALUE_OUT_SIGNATURE(KEY, T);
#ifdef ETB_VARIANTS_etb_op_scatter_value_out
ETB_VARIANTS_etb_op_scatter_value_out(ETB_DECLARE_SCATTER_VALUE_OUT)
#endif

#define ETB_SCATTER_SRC_OUT_SIGNATURE(KEY)                                                  \
  etb_status etb_op_scatter_src_out_##KEY(const etb_tensor *self, const etb_tensor *index,  \
                                          const etb_tensor *src, const etb_tensor *out,     \
                                          const etb_index_plan *plan)

#define ETB_DECLARE_SCATTER_SRC_OUT(KEY, SIZE) ETB_NODISCARD ETB_SCATTER_SRC_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_scatter_src_out
ETB_VARIANTS_etb_op_scatter_src_out(ETB_DECLARE_SCATTER_SRC_OUT)
#endif

#endif
