/* aten::index.Tensor_out: advanced indexing, self[indices] with integer index tensors (int64 or
 * int32, negative values counting from the end) for some dimensions and None for the others.
 * The index tensors broadcast together; out's shape and the placement of their broadcast shape
 * are resolved at build time. Plan operands: out, self (stride 0 along indexed dimensions), then
 * the index tensors, which `indices` lists in the same order (None entries left out). */
#ifndef ETB_OP_INDEX_H
#define ETB_OP_INDEX_H
#include "etb/index_plan.h"

#define ETB_INDEX_TENSOR_OUT_SIGNATURE(KEY)                                                \
  etb_status etb_op_index_tensor_out_##KEY(const etb_tensor *self,                         \
                                           const etb_tensor *const *indices,               \
                                           const etb_tensor *out, const etb_index_plan *plan)

#define ETB_DECLARE_INDEX_TENSOR_OUT(KEY, SIZE, INDEX_T) ETB_NODISCARD ETB_INDEX_TENSOR_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_index_tensor_out
ETB_VARIANTS_etb_op_index_tensor_out(ETB_DECLARE_INDEX_TENSOR_OUT)
#endif

#endif
