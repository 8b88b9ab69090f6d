/* quantized_decomposed::quantize_per_tensor.out and .Tensor_out: float to integer,
 *   q = clamp(zero_point + round_half_to_even(x * inv_scale), quant_min, quant_max)
 * with inv_scale = 1.0f / (float)scale, all in float as the reference kernel computes it: the
 * product in float (for double input in double, then rounded to float), the zero point added in
 * float. .out gets inv_scale and zero_point computed at build time; .Tensor_out reads scale
 * (float64) and zero_point (int64) from one-element tensors at run time. */
#ifndef ETB_OP_QUANTIZE_PER_TENSOR_H
#define ETB_OP_QUANTIZE_PER_TENSOR_H
#include "etb/kernel.h"

/* zero_point + the rounded value, clamped. The comparisons happen in float before converting, so a
 * value outside every integer type (or NaN, which goes to quant_min) never meets an undefined
 * conversion. */
static inline int64_t etb_quantize_clamped(float scaled, int32_t zero_point, int64_t quant_min,
                                           int64_t quant_max) {
  const float q = (float)zero_point + nearbyintf(scaled);
  if (!(q >= (float)quant_min)) return quant_min;
  if (q > (float)quant_max) return quant_max;
  const int64_t v = (int64_t)q;
  return v < quant_min ? quant_min : (v > quant_max ? quant_max : v);
}

#define ETB_QUANTIZE_PER_TENSOR_OUT_SIGNATURE(KEY)                                         \
  etb_status etb_op_quantize_per_tensor_out_##KEY(const etb_tensor *input, float inv_scale, \
                                                  int32_t zero_point, int64_t quant_min,   \
                                                  int64_t quant_max, const etb_tensor *out)

#define ETB_DECLARE_QUANTIZE_PER_TENSOR_OUT(KEY, IN_T, OUT_T) \
  ETB_NODISCARD ETB_QUANTIZE_PER_TENSOR_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_quantize_per_tensor_out
ETB_VARIANTS_etb_op_quantize_per_tensor_out(ETB_DECLARE_QUANTIZE_PER_TENSOR_OUT)
#endif

#define ETB_QUANTIZE_PER_TENSOR_TENSOR_OUT_SIGNATURE(KEY)                                   \
  etb_status etb_op_quantize_per_tensor_tensor_out_##KEY(                                   \
      const etb_tensor *input, const etb_tensor *scale, const etb_tensor *zero_point,       \
      int64_t quant_min, int64_t quant_max, const etb_tensor *out)

#define ETB_DECLARE_QUANTIZE_PER_TENSOR_TENSOR_OUT(KEY, IN_T, OUT_T) \
  ETB_NODISCARD ETB_QUANTIZE_PER_TENSOR_TENSOR_OUT_SIGNATURE(KEY);
#ifdef ETB_VARIANTS_etb_op_quantize_per_tensor_tensor_out
ETB_VARIANTS_etb_op_quantize_per_tensor_tensor_out(ETB_DECLARE_QUANTIZE_PER_TENSOR_TENSOR_OUT)
#endif

#endif
