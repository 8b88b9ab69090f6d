/* aten::maximum.out. */
#include "op_maximum.h"

#define ETB_DEFINE_MAXIMUM_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_maximum_out_##KEY, A_T, B_T, OUT_T, C_T, 0, ETB_MAX(x, y))
#ifdef ETB_VARIANTS_etb_op_maximum_out
ETB_VARIANTS_etb_op_maximum_out(ETB_DEFINE_MAXIMUM_OUT)
#endif
