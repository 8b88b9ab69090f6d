/* cortex_m::quantized_avg_pool2d.out (CMSIS-NN arm_avgpool_s8): the average of the int8 values in
 * each window, padding excluded from the count, rounded half away from zero, clamped to
 * [act_min, act_max] (upstream: [-128, 127]). The zero point, multiplier and shift arguments of
 * the operator are not used (the input and output quantization are the same), nor is its scratch
 * tensor. */
#ifndef ETB_CM_OP_QUANTIZED_AVG_POOL2D_H
#define ETB_CM_OP_QUANTIZED_AVG_POOL2D_H

#include "etb_cortex_m.h"

ETB_NODISCARD etb_status etb_cm_avg_pool_s8(const etb_cm_pool_params *params, const int8_t *input, int8_t *output);

#endif
