/* quantized_decomposed::dequantize_per_tensor.out and .Tensor_out (see op_dequantize_per_tensor.h). */
#include "op_dequantize_per_tensor.h"

/* The difference is formed in int64 (the reference's int32 arithmetic could overflow for int32
 * input), then converted to float: the same value wherever int32 does not overflow. */
#define ETB_DEFINE_DEQUANTIZE_PER_TENSOR_OUT(KEY, IN_T, OUT_T)                             \
  ETB_DEQUANTIZE_PER_TENSOR_OUT_SIGNATURE(KEY) {                                           \
    const IN_T *in = (const IN_T *)input->data;                                            \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    for (int32_t i = 0; i < out->numel; i++) {                                             \
      o[i] = (OUT_T)((float)((int64_t)in[i] - zero_point) * scale);                        \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_dequantize_per_tensor_out
ETB_VARIANTS_etb_op_dequantize_per_tensor_out(ETB_DEFINE_DEQUANTIZE_PER_TENSOR_OUT)
#endif

#define ETB_DEFINE_DEQUANTIZE_PER_TENSOR_TENSOR_OUT(KEY, IN_T, OUT_T)                      \
  ETB_DEQUANTIZE_PER_TENSOR_TENSOR_OUT_SIGNATURE(KEY) {                                    \
    const IN_T *in = (const IN_T *)input->data;                                            \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    const float s = (float)((const double *)scale->data)[0];                               \
    const int32_t zp = (int32_t)((const int64_t *)zero_point->data)[0];                    \
    for (int32_t i = 0; i < out->numel; i++) {                                             \
      o[i] = (OUT_T)((float)((int64_t)in[i] - zp) * s);                                    \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_dequantize_per_tensor_tensor_out
ETB_VARIANTS_etb_op_dequantize_per_tensor_tensor_out(ETB_DEFINE_DEQUANTIZE_PER_TENSOR_TENSOR_OUT)
#endif
