/* cortex_m::quantized_div.out (float arithmetic inside the kernel, as upstream):
 *   q = (float)(in1 - zp1) / (float)(in2 - zp2)   (0 when the divisor is 0)
 *   out = clamp(roundf(q * output_scale) + zp_out)  to the output dtype's range
 * Same-shape operands only (upstream requires it). `output_scale` is the program's Double
 * converted to float. */
#ifndef ETB_CM_OP_QUANTIZED_DIV_H
#define ETB_CM_OP_QUANTIZED_DIV_H

#include "etb_cortex_m.h"

ETB_NODISCARD etb_status etb_cm_div_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t count,
                                       int32_t input1_zero_point, int32_t input2_zero_point,
                                       int32_t output_zero_point, float output_scale);
ETB_NODISCARD etb_status etb_cm_div_s16(const int16_t *input1, const int16_t *input2, int16_t *output, int32_t count,
                                        int32_t input1_zero_point, int32_t input2_zero_point,
                                        int32_t output_zero_point, float output_scale);

#endif
