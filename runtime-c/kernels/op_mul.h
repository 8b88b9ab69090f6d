/* aten::mul.out and aten::mul.Scalar_out: out = self * other in the promoted (compute) dtype. */
#ifndef ETB_OP_MUL_H
#define ETB_OP_MUL_H
#include "etb/kernel.h"

#define ETB_DECLARE_MUL_OUT(KEY, A_T, B_T, OUT_T, C_T)                                 \
  ETB_NODISCARD etb_status etb_op_mul_out_##KEY(const etb_tensor *self, const etb_tensor *other, \
                                                 const etb_tensor *out, const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_mul_out
ETB_VARIANTS_etb_op_mul_out(ETB_DECLARE_MUL_OUT)
#endif

#define ETB_DECLARE_MUL_SCALAR_OUT(KEY, A_T, OUT_T, C_T)                                \
  ETB_NODISCARD etb_status etb_op_mul_scalar_out_##KEY(const etb_tensor *self, C_T other, \
                                                        const etb_tensor *out);
#ifdef ETB_VARIANTS_etb_op_mul_scalar_out
ETB_VARIANTS_etb_op_mul_scalar_out(ETB_DECLARE_MUL_SCALAR_OUT)
#endif

#endif
