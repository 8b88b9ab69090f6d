/* aten::logical_xor.out. */
#include "op_logical_xor.h"

#define ETB_DEFINE_LOGICAL_XOR_OUT(KEY, A_T, B_T, OUT_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_logical_xor_out_##KEY, A_T, B_T, OUT_T, bool, 0, x != y)
#ifdef ETB_VARIANTS_etb_op_logical_xor_out
ETB_VARIANTS_etb_op_logical_xor_out(ETB_DEFINE_LOGICAL_XOR_OUT)
#endif
