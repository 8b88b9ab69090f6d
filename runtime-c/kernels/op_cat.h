/* aten::cat.out: the tensors joined along dim. Each input is one copy plan into its block of out
 * (the destination offset of the block, out's strides, the input's strides); the plan of an empty
 * input copies nothing. */
#ifndef ETB_OP_CAT_H
#define ETB_OP_CAT_H
#include "etb/strided_copy.h"

#define ETB_CAT_OUT_SIGNATURE(KEY)                                                        \
  etb_status etb_op_cat_out_##KEY(const etb_tensor *const *tensors, const etb_copy_plan *plans, \
                                  int32_t count, const etb_tensor *out)

#define ETB_DECLARE_CAT_OUT(KEY, SIZE) ETB_NODISCARD ETB_CAT_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_cat_out
ETB_VARIANTS_etb_op_cat_out(ETB_DECLARE_CAT_OUT)
#endif

#endif
