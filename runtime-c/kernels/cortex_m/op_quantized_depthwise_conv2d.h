/* cortex_m::quantized_depthwise_conv2d.out (CMSIS-NN arm_depthwise_conv_wrapper_s8): int8 NHWC
 * input, weights [kernel_h][kernel_w][output_c], output channel oc reads input channel
 * oc / depth_multiplier:
 *   acc = bias[oc] + sum over the kernel window of (in[ic] + input_offset) * w[ky][kx][oc]
 *   out = clamp(requantize(acc, multipliers[oc], shifts[oc]) + output_offset, act_min, act_max)
 * Taps in the padding contribute nothing.
 *
 * With one input channel (the first layer of a DS-CNN) the operator is an ordinary convolution
 * whose weights are these transposed to [output_c][kernel_h][kernel_w][1]: the generator emits
 * the transposed weights and calls etb_cm_conv_s8, which this operator's source also provides
 * (see etb_cm_conv_kernel.h). */
#ifndef ETB_CM_OP_QUANTIZED_DEPTHWISE_CONV2D_H
#define ETB_CM_OP_QUANTIZED_DEPTHWISE_CONV2D_H

#include "etb_cortex_m.h"
#include "etb_cm_conv.h"

typedef struct etb_cm_depthwise_conv_params {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t output_h, output_w, output_c; /* output_c = input_c * depth_multiplier */
  int32_t depth_multiplier;
  int32_t kernel_h, kernel_w;
  int32_t stride_h, stride_w;
  int32_t pad_h, pad_w; /* top and left padding */
  int32_t dilation_h, dilation_w;
  int32_t input_offset;
  int32_t output_offset;
  int32_t act_min, act_max;
} etb_cm_depthwise_conv_params;

ETB_NODISCARD etb_status etb_cm_depthwise_conv_s8(const etb_cm_depthwise_conv_params *params, const int8_t *input,
                                                  const int8_t *weights, const int32_t *bias,
                                                  const int32_t *multipliers, const int32_t *shifts, int8_t *output);

#endif
