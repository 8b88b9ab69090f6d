/* aten::minimum.out. */
#include "op_minimum.h"

#define ETB_DEFINE_MINIMUM_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_minimum_out_##KEY, A_T, B_T, OUT_T, C_T, 0, ETB_MIN(x, y))
#ifdef ETB_VARIANTS_etb_op_minimum_out
ETB_VARIANTS_etb_op_minimum_out(ETB_DEFINE_MINIMUM_OUT)
#endif
