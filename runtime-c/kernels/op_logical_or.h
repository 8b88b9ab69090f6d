/* aten::logical_or.out: each operand converted to bool (nonzero is true), combined, and
 * stored as 0/1 in out's dtype. */
#ifndef ETB_OP_LOGICAL_OR_H
#define ETB_OP_LOGICAL_OR_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_LOGICAL_OR_OUT(KEY, A_T, B_T, OUT_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_logical_or_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_logical_or_out
ETB_VARIANTS_etb_op_logical_or_out(ETB_DECLARE_LOGICAL_OR_OUT)
#endif

#endif /* ETB_OP_LOGICAL_OR_H */
