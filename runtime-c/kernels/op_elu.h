/* aten::elu.out: expm1(x * input_scale) * alpha * scale for x <= 0, x * scale otherwise, for
 * float or double tensors; out has self's dtype. negcoef = alpha * scale is formed at build time
 * in that dtype, as the portable kernel forms it once before the loop. */
#ifndef ETB_OP_ELU_H
#define ETB_OP_ELU_H
#include "etb/unary.h"

#define ETB_DECLARE_ELU_OUT(KEY, IN_T, OUT_T, C_T)                                             \
  ETB_NODISCARD etb_status etb_op_elu_out_##KEY(const etb_tensor *self, C_T negcoef,           \
                                                C_T scale, C_T input_scale,                    \
                                                const etb_tensor *out,                         \
                                                const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_elu_out
ETB_VARIANTS_etb_op_elu_out(ETB_DECLARE_ELU_OUT)
#endif

#endif
