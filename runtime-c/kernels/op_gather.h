/* aten::gather.out: out[i][j][k] = self[index[i][j][k]][j][k] for dim 0, and so on: out has
 * index's shape and takes, at every position, the element of self whose coordinate along dim is
 * the index value there (int64, 0 <= value < self.size(dim)). Plan operands: out, self (stride 0
 * along dim), index. */
#ifndef ETB_OP_GATHER_H
#define ETB_OP_GATHER_H
#include "etb/index_plan.h"

#define ETB_GATHER_OUT_SIGNATURE(KEY)                                                      \
  etb_status etb_op_gather_out_##KEY(const etb_tensor *self, const etb_tensor *index,      \
                                     const etb_tensor *out, const etb_index_plan *plan)

#define ETB_DECLARE_GATHER_OUT(KEY, SIZE) ETB_NODISCARD ETB_GATHER_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_gather_out
ETB_VARIANTS_etb_op_gather_out(ETB_DECLARE_GATHER_OUT)
#endif

#endif
