/* aten::maximum.out: elementwise max in the promoted dtype; a NaN operand gives NaN. */
#ifndef ETB_OP_MAXIMUM_H
#define ETB_OP_MAXIMUM_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_MAXIMUM_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_maximum_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_maximum_out
ETB_VARIANTS_etb_op_maximum_out(ETB_DECLARE_MAXIMUM_OUT)
#endif

#endif /* ETB_OP_MAXIMUM_H */
