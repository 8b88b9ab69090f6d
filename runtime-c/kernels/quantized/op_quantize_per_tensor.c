/* quantized_decomposed::quantize_per_tensor.out and .Tensor_out (see op_quantize_per_tensor.h). */
#include "op_quantize_per_tensor.h"

/* IN_T is float or double: the product is formed in IN_T and rounded to float. */
#define ETB_DEFINE_QUANTIZE_PER_TENSOR_OUT(KEY, IN_T, OUT_T)                               \
  ETB_QUANTIZE_PER_TENSOR_OUT_SIGNATURE(KEY) {                                             \
    const IN_T *in = (const IN_T *)input->data;                                            \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    for (int32_t i = 0; i < out->numel; i++) {                                             \
      const float scaled = (float)((IN_T)inv_scale * in[i]);                               \
      o[i] = (OUT_T)etb_quantize_clamped(scaled, zero_point, quant_min, quant_max);        \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_quantize_per_tensor_out
ETB_VARIANTS_etb_op_quantize_per_tensor_out(ETB_DEFINE_QUANTIZE_PER_TENSOR_OUT)
#endif

#define ETB_DEFINE_QUANTIZE_PER_TENSOR_TENSOR_OUT(KEY, IN_T, OUT_T)                        \
  ETB_QUANTIZE_PER_TENSOR_TENSOR_OUT_SIGNATURE(KEY) {                                      \
    const IN_T *in = (const IN_T *)input->data;                                            \
    OUT_T *o = (OUT_T *)out->data;                                                         \
    const float inv_scale = 1.0f / (float)((const double *)scale->data)[0];                \
    const int32_t zp = (int32_t)((const int64_t *)zero_point->data)[0];                    \
    for (int32_t i = 0; i < out->numel; i++) {                                             \
      const float scaled = (float)((IN_T)inv_scale * in[i]);                               \
      o[i] = (OUT_T)etb_quantize_clamped(scaled, zp, quant_min, quant_max);                \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_quantize_per_tensor_tensor_out
ETB_VARIANTS_etb_op_quantize_per_tensor_tensor_out(ETB_DEFINE_QUANTIZE_PER_TENSOR_TENSOR_OUT)
#endif
