/* aten::bmm.out: out[b] (m x p) = self[b] (m x n) . mat2[b] (n x p), row-major. */
#ifndef ETB_OP_BMM_H
#define ETB_OP_BMM_H
#include "etb/kernel.h"

#define ETB_DECLARE_BMM_OUT(KEY, T, ACC_T)                                                 \
  ETB_NODISCARD etb_status etb_op_bmm_out_##KEY(const etb_tensor *self, const etb_tensor *mat2, \
                                                const etb_tensor *out, int32_t batch, int32_t m, \
                                                int32_t n, int32_t p);
#ifdef ETB_VARIANTS_etb_op_bmm_out
ETB_VARIANTS_etb_op_bmm_out(ETB_DECLARE_BMM_OUT)
#endif

#endif
