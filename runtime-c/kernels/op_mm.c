/* aten::mm.out. */
#include "op_mm.h"
#include "etb/matmul.h"

#define ETB_DEFINE_MM_OUT(KEY, T, ACC_T)                                                   \
  ETB_DEFINE_MATMUL(etb_mm_product_##KEY, T, ACC_T)                                        \
  etb_status etb_op_mm_out_##KEY(const etb_tensor *self, const etb_tensor *mat2,           \
                                 const etb_tensor *out, int32_t m, int32_t n, int32_t p) { \
    etb_mm_product_##KEY((T *)out->data, (const T *)self->data, (const T *)mat2->data, m, n, \
                         p, NULL, 0, 0, (T)0, (T)0);                                       \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_mm_out
ETB_VARIANTS_etb_op_mm_out(ETB_DEFINE_MM_OUT)
#endif
