/* quantized_decomposed::dequantize_per_tensor.out and .Tensor_out: integer to float,
 *   x = (q - zero_point) * (float)scale
 * computed in float whatever out's dtype, as the reference kernel does; quant_min and quant_max
 * are metadata only. .out gets the float scale and the zero point at build time; .Tensor_out
 * reads scale (float64) and zero_point (int64) from one-element tensors at run time. */
#ifndef ETB_OP_DEQUANTIZE_PER_TENSOR_H
#define ETB_OP_DEQUANTIZE_PER_TENSOR_H
#include "etb/kernel.h"

#define ETB_DEQUANTIZE_PER_TENSOR_OUT_SIGNATURE(KEY)                                         \
  etb_status etb_op_dequantize_per_tensor_out_##KEY(const etb_tensor *input, float scale,    \
                                                    int32_t zero_point, const etb_tensor *out)

#define ETB_DECLARE_DEQUANTIZE_PER_TENSOR_OUT(KEY, IN_T, OUT_T) \
  ETB_NODISCARD ETB_DEQUANTIZE_PER_TENSOR_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_dequantize_per_tensor_out
ETB_VARIANTS_etb_op_dequantize_per_tensor_out(ETB_DECLARE_DEQUANTIZE_PER_TENSOR_OUT)
#endif

#define ETB_DEQUANTIZE_PER_TENSOR_TENSOR_OUT_SIGNATURE(KEY)                                  \
  etb_status etb_op_dequantize_per_tensor_tensor_out_##KEY(                                  \
      const etb_tensor *input, const etb_tensor *scale, const etb_tensor *zero_point,        \
      const etb_tensor *out)

#define ETB_DECLARE_DEQUANTIZE_PER_TENSOR_TENSOR_OUT(KEY, IN_T, OUT_T) \
  ETB_NODISCARD ETB_DEQUANTIZE_PER_TENSOR_TENSOR_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_dequantize_per_tensor_tensor_out
ETB_VARIANTS_etb_op_dequantize_per_tensor_tensor_out(ETB_DECLARE_DEQUANTIZE_PER_TENSOR_TENSOR_OUT)
#endif

#endif
