/* aten::logical_or.out. */
#include "op_logical_or.h"

#define ETB_DEFINE_LOGICAL_OR_OUT(KEY, A_T, B_T, OUT_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_logical_or_out_##KEY, A_T, B_T, OUT_T, bool, 0, x || y)
#ifdef ETB_VARIANTS_etb_op_logical_or_out
ETB_VARIANTS_etb_op_logical_or_out(ETB_DEFINE_LOGICAL_OR_OUT)
#endif
