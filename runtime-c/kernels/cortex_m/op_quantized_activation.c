/* cortex_m::quantized_activation.out. */
#include "op_quantized_activation.h"

#if defined(ETB_USE_etb_cm_lut_s8)
etb_status etb_cm_lut_s8(const int8_t *input, int8_t *output, int32_t count, const int8_t lut[256]) {
  for (int32_t i = 0; i < count; i++) output[i] = lut[(uint8_t)(input[i] + 128)];
  return ETB_OK;
}
#endif
