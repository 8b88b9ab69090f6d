/* aten::sub.out and aten::sub.Scalar_out: out = self - alpha * other, computed in the promoted
 * dtype of the operands (the "compute" type), then converted to out's dtype. */
#ifndef ETB_OP_SUB_H
#define ETB_OP_SUB_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_SUB_OUT(KEY, A_T, B_T, OUT_T, C_T)                                            \
  ETB_NODISCARD etb_status etb_op_sub_out_##KEY(const etb_tensor *self, const etb_tensor *other,  \
                                                 C_T alpha, const etb_tensor *out,                \
                                                 const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_sub_out
ETB_VARIANTS_etb_op_sub_out(ETB_DECLARE_SUB_OUT)
#endif

#define ETB_DECLARE_SUB_SCALAR_OUT(KEY, A_T, OUT_T, C_T)                                   \
  ETB_NODISCARD etb_status etb_op_sub_scalar_out_##KEY(const etb_tensor *self, C_T other,  \
                                                        C_T alpha, const etb_tensor *out,  \
                                                        const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_sub_scalar_out
ETB_VARIANTS_etb_op_sub_scalar_out(ETB_DECLARE_SUB_SCALAR_OUT)
#endif

#endif /* ETB_OP_SUB_H */
