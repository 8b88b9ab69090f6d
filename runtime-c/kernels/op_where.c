/* aten::where.self_out. */
#include "op_where.h"

/* Operand order of the plan: out, condition, self, other. self and other are converted to out's
 * dtype, which is their promoted dtype. */
#define ETB_DEFINE_WHERE_SELF_OUT(KEY, COND_T, A_T, B_T, OUT_T)                                \
  etb_status etb_op_where_self_out_##KEY(const etb_tensor *condition, const etb_tensor *self,  \
                                         const etb_tensor *other, const etb_tensor *out,       \
                                         const etb_broadcast *plan) {                          \
    const COND_T *c = (const COND_T *)condition->data;                                         \
    const A_T *a = (const A_T *)self->data;                                                    \
    const B_T *b = (const B_T *)other->data;                                                   \
    OUT_T *o = (OUT_T *)out->data;                                                             \
    ETB_FOR_EACH_ELEMENT(plan, 4, off, {                                                       \
      o[off[0]] = c[off[1]] != 0 ? (OUT_T)a[off[2]] : (OUT_T)b[off[3]];                        \
    });                                                                                        \
    return ETB_OK;                                                                             \
  }
#ifdef ETB_VARIANTS_etb_op_where_self_out
ETB_VARIANTS_etb_op_where_self_out(ETB_DEFINE_WHERE_SELF_OUT)
#endif
