/* aten::logical_not.out: out = !self (zero becomes 1, anything else 0, NaN included), stored in
 * out's dtype. */
#ifndef ETB_OP_LOGICAL_NOT_H
#define ETB_OP_LOGICAL_NOT_H
#include "etb/kernel.h"

#define ETB_DECLARE_LOGICAL_NOT_OUT(KEY, A_T, OUT_T)                                       \
  ETB_NODISCARD etb_status etb_op_logical_not_out_##KEY(const etb_tensor *self,            \
                                                         const etb_tensor *out,            \
                                                         const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_logical_not_out
ETB_VARIANTS_etb_op_logical_not_out(ETB_DECLARE_LOGICAL_NOT_OUT)
#endif

#endif /* ETB_OP_LOGICAL_NOT_H */
