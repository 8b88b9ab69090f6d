/* aten::rsub.Scalar_out: out = other - alpha * self, in the dtype of self promoted with the scalar
 * other (which is also out's dtype). */
#ifndef ETB_OP_RSUB_H
#define ETB_OP_RSUB_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_RSUB_SCALAR_OUT(KEY, A_T, OUT_T, C_T)                                   \
  ETB_NODISCARD etb_status etb_op_rsub_scalar_out_##KEY(const etb_tensor *self, C_T other,  \
                                                         C_T alpha, const etb_tensor *out,  \
                                                         const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_rsub_scalar_out
ETB_VARIANTS_etb_op_rsub_scalar_out(ETB_DECLARE_RSUB_SCALAR_OUT)
#endif

#endif /* ETB_OP_RSUB_H */
