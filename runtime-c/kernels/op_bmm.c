/* aten::bmm.out. */
#include "op_bmm.h"
#include "etb/matmul.h"

#define ETB_DEFINE_BMM_OUT(KEY, T, ACC_T)                                                  \
  ETB_DEFINE_MATMUL(etb_bmm_product_##KEY, T, ACC_T)                                       \
  etb_status etb_op_bmm_out_##KEY(const etb_tensor *self, const etb_tensor *mat2,          \
                                  const etb_tensor *out, int32_t batch, int32_t m,         \
                                  int32_t n, int32_t p) {                                  \
    const T *a = (const T *)self->data;                                                    \
    const T *b = (const T *)mat2->data;                                                    \
    T *o = (T *)out->data;                                                                 \
    for (int32_t i = 0; i < batch; i++) {                                                  \
      etb_bmm_product_##KEY(o + i * m * p, a + i * m * n, b + i * n * p, m, n, p, NULL, 0, \
                            0, (T)0, (T)0);                                                \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_bmm_out
ETB_VARIANTS_etb_op_bmm_out(ETB_DEFINE_BMM_OUT)
#endif
