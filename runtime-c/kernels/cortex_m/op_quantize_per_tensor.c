/* cortex_m::quantize_per_tensor.out. */
#include <math.h>

#include "op_quantize_per_tensor.h"

#if defined(ETB_USE_etb_cm_quantize_per_tensor_s8) || defined(ETB_USE_etb_cm_quantize_per_tensor_s16)
/* round_half_even(x * inv_scale) + zero_point, clamped. Values beyond the int32 range saturate
 * (the reference kernel's float-to-int conversion is undefined there); NaN maps to the zero point. */
static int32_t quantize_value(float x, float inv_scale, int32_t zero_point, int32_t quant_min,
                              int32_t quant_max) {
  const float rounded = nearbyintf(x * inv_scale);
  int32_t q;
  if (rounded != rounded) q = 0;
  else if (rounded >= 2147483520.0f) q = INT32_MAX;
  else if (rounded <= -2147483648.0f) q = INT32_MIN;
  else q = (int32_t)rounded;
  const int64_t shifted = (int64_t)q + zero_point;
  return (int32_t)(shifted < quant_min ? quant_min : (shifted > quant_max ? quant_max : shifted));
}
#endif

#if defined(ETB_USE_etb_cm_quantize_per_tensor_s8)
etb_status etb_cm_quantize_per_tensor_s8(const float *input, int8_t *output, int32_t count, float scale,
                                         int32_t zero_point, int32_t quant_min, int32_t quant_max) {
  const float inv_scale = 1.0f / scale;
  for (int32_t i = 0; i < count; i++) {
    output[i] = (int8_t)quantize_value(input[i], inv_scale, zero_point, quant_min, quant_max);
  }
  return ETB_OK;
}
#endif

#if defined(ETB_USE_etb_cm_quantize_per_tensor_s16)
etb_status etb_cm_quantize_per_tensor_s16(const float *input, int16_t *output, int32_t count, float scale,
                                          int32_t zero_point, int32_t quant_min, int32_t quant_max) {
  const float inv_scale = 1.0f / scale;
  for (int32_t i = 0; i < count; i++) {
    output[i] = (int16_t)quantize_value(input[i], inv_scale, zero_point, quant_min, quant_max);
  }
  return ETB_OK;
}
#endif
