/* aten::addmm.out. */
#include "op_addmm.h"
#include "etb/matmul.h"

#define ETB_DEFINE_ADDMM_OUT(KEY, T, ACC_T)                                                \
  ETB_DEFINE_MATMUL(etb_addmm_product_##KEY, T, ACC_T)                                     \
  etb_status etb_op_addmm_out_##KEY(const etb_tensor *self, const etb_tensor *mat1,        \
                                    const etb_tensor *mat2, T beta, T alpha,               \
                                    const etb_tensor *out, int32_t m, int32_t n, int32_t p, \
                                    int32_t self_row_stride, int32_t self_col_stride) {    \
    etb_addmm_product_##KEY((T *)out->data, (const T *)mat1->data, (const T *)mat2->data, m, \
                            n, p, (const T *)self->data, self_row_stride, self_col_stride, \
                            alpha, beta);                                                  \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_addmm_out
ETB_VARIANTS_etb_op_addmm_out(ETB_DEFINE_ADDMM_OUT)
#endif
