/* cortex_m::quantized_div.out. */
#include <math.h>

#include "op_quantized_div.h"

#if defined(ETB_USE_etb_cm_div_s8) || defined(ETB_USE_etb_cm_div_s16)
/* Rounded and clamped in float, so that a huge quotient (a divisor one step off its zero point)
 * saturates instead of overflowing; NaN cannot occur (0 / 0 is defined as 0 above). */
static float divide_value(int32_t numerator, int32_t denominator, int32_t output_zero_point, float output_scale,
                          float lo, float hi) {
  const float quotient = denominator != 0 ? (float)numerator / (float)denominator : 0.0f;
  const float scaled = roundf(quotient * output_scale) + (float)output_zero_point;
  return scaled < lo ? lo : (scaled > hi ? hi : scaled);
}
#endif

#if defined(ETB_USE_etb_cm_div_s8)
etb_status etb_cm_div_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t count,
                         int32_t input1_zero_point, int32_t input2_zero_point, int32_t output_zero_point,
                         float output_scale) {
  for (int32_t i = 0; i < count; i++) {
    output[i] = (int8_t)divide_value(input1[i] - input1_zero_point, input2[i] - input2_zero_point,
                                     output_zero_point, output_scale, -128.0f, 127.0f);
  }
  return ETB_OK;
}
#endif

#if defined(ETB_USE_etb_cm_div_s16)
etb_status etb_cm_div_s16(const int16_t *input1, const int16_t *input2, int16_t *output, int32_t count,
                          int32_t input1_zero_point, int32_t input2_zero_point, int32_t output_zero_point,
                          float output_scale) {
  for (int32_t i = 0; i < count; i++) {
    output[i] = (int16_t)divide_value(input1[i] - input1_zero_point, input2[i] - input2_zero_point,
                                      output_zero_point, output_scale, -32768.0f, 32767.0f);
  }
  return ETB_OK;
}
#endif
