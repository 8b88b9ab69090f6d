/* cortex_m::dequantize_per_tensor.out. */
#include "op_dequantize_per_tensor.h"

#if defined(ETB_USE_etb_cm_dequantize_per_tensor_s8)
etb_status etb_cm_dequantize_per_tensor_s8(const int8_t *input, float *output, int32_t count, float scale,
                                           int32_t zero_point) {
  for (int32_t i = 0; i < count; i++) output[i] = (float)((int32_t)input[i] - zero_point) * scale;
  return ETB_OK;
}
#endif

#if defined(ETB_USE_etb_cm_dequantize_per_tensor_s16)
etb_status etb_cm_dequantize_per_tensor_s16(const int16_t *input, float *output, int32_t count, float scale,
                                            int32_t zero_point) {
  for (int32_t i = 0; i < count; i++) output[i] = (float)((int32_t)input[i] - zero_point) * scale;
  return ETB_OK;
}
#endif
