/* cortex_m::quantized_activation.out: an int8 activation function as a 256-entry table built at
 * export time, out = lut[in + 128]. */
#ifndef ETB_CM_OP_QUANTIZED_ACTIVATION_H
#define ETB_CM_OP_QUANTIZED_ACTIVATION_H

#include "etb_cortex_m.h"

ETB_NODISCARD etb_status etb_cm_lut_s8(const int8_t *input, int8_t *output, int32_t count, const int8_t lut[256]);

#endif
