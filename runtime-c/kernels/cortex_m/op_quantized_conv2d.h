/* cortex_m::quantized_conv2d.out: the convolution kernel, declared in etb_cm_conv.h (shared with
 * the depthwise operator). */
#ifndef ETB_CM_OP_QUANTIZED_CONV2D_H
#define ETB_CM_OP_QUANTIZED_CONV2D_H

#include "etb_cm_conv.h"

#endif
