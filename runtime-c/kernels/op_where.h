/* aten::where.self_out: out = condition ? self : other, the three inputs broadcast together.
 * condition is bool or uint8 (nonzero is true). */
#ifndef ETB_OP_WHERE_H
#define ETB_OP_WHERE_H
#include "etb/kernel.h"

#define ETB_DECLARE_WHERE_SELF_OUT(KEY, COND_T, A_T, B_T, OUT_T)                           \
  ETB_NODISCARD etb_status etb_op_where_self_out_##KEY(const etb_tensor *condition,        \
                                                        const etb_tensor *self,            \
                                                        const etb_tensor *other,           \
                                                        const etb_tensor *out,             \
                                                        const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_where_self_out
ETB_VARIANTS_etb_op_where_self_out(ETB_DECLARE_WHERE_SELF_OUT)
#endif

#endif /* ETB_OP_WHERE_H */
