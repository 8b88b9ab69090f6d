/* cortex_m::quantized_conv2d.out: the kernel is in etb_cm_conv_kernel.h (shared with the
 * depthwise operator's one-input-channel case). */
#include "etb_cm_conv_kernel.h"
