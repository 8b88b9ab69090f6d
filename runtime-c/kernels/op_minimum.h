/* aten::minimum.out: elementwise min in the promoted dtype; a NaN operand gives NaN. */
#ifndef ETB_OP_MINIMUM_H
#define ETB_OP_MINIMUM_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_MINIMUM_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_minimum_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_minimum_out
ETB_VARIANTS_etb_op_minimum_out(ETB_DECLARE_MINIMUM_OUT)
#endif

#endif /* ETB_OP_MINIMUM_H */
