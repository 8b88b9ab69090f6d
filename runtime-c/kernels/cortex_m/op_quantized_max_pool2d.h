/* cortex_m::quantized_max_pool2d.out (CMSIS-NN arm_max_pool_s8): the maximum of the int8 values
 * in each window (padding excluded), clamped to [act_min, act_max]. Input and output share their
 * quantization (upstream requires equal zero points). */
#ifndef ETB_CM_OP_QUANTIZED_MAX_POOL2D_H
#define ETB_CM_OP_QUANTIZED_MAX_POOL2D_H

#include "etb_cortex_m.h"

ETB_NODISCARD etb_status etb_cm_max_pool_s8(const etb_cm_pool_params *params, const int8_t *input, int8_t *output);

#endif
