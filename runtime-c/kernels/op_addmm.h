/* aten::addmm.out: out = (mat1 . mat2) * alpha + self * beta, self broadcast to out's [m, p]. */
#ifndef ETB_OP_ADDMM_H
#define ETB_OP_ADDMM_H
#include "etb/kernel.h"

/* Element (i, j) of self is at i * self_row_stride + j * self_col_stride (0 where it broadcasts). */
#define ETB_DECLARE_ADDMM_OUT(KEY, T, ACC_T)                                               \
  ETB_NODISCARD etb_status etb_op_addmm_out_##KEY(                                         \
      const etb_tensor *self, const etb_tensor *mat1, const etb_tensor *mat2, T beta, T alpha, \
      const etb_tensor *out, int32_t m, int32_t n, int32_t p, int32_t self_row_stride,     \
      int32_t self_col_stride);
#ifdef ETB_VARIANTS_etb_op_addmm_out
ETB_VARIANTS_etb_op_addmm_out(ETB_DECLARE_ADDMM_OUT)
#endif

#endif
