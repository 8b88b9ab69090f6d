/* aten::index_select.out: self with dim replaced by the entries index (int64 or int32, rank <= 1,
 * 0 <= value < self.size(dim)) selects, in index's order. Plan operands: out, self (stride 0
 * along dim), index (stride 1 along dim). */
#ifndef ETB_OP_INDEX_SELECT_H
#define ETB_OP_INDEX_SELECT_H
#include "etb/index_plan.h"

#define ETB_INDEX_SELECT_OUT_SIGNATURE(KEY)                                                 \
  etb_status etb_op_index_select_out_##KEY(const etb_tensor *self, const etb_tensor *index, \
                                           const etb_tensor *out, const etb_index_plan *plan)

#define ETB_DECLARE_INDEX_SELECT_OUT(KEY, SIZE, INDEX_T) ETB_NODISCARD ETB_INDEX_SELECT_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_index_select_out
ETB_VARIANTS_etb_op_index_select_out(ETB_DECLARE_INDEX_SELECT_OUT)
#endif

#endif
