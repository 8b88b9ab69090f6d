/* cortex_m::quantized_transpose_conv2d.out (CMSIS-NN arm_transpose_conv_wrapper_s8): the gradient
 * of a convolution. int8 NHWC input, weights [output_c][kernel_h][kernel_w][input_c] (PyTorch's
 * [in, out, kh, kw] permuted), per-channel requantization. Input pixel (iy, ix) with kernel tap
 * (ky, kx) lands on output pixel (iy * stride_h - pad_h + ky * dilation_h, likewise for x):
 *   acc = bias[oc] + sum over the landing taps and input channels of (in + input_offset) * w
 *   out = clamp(requantize(acc, multipliers[oc], shifts[oc]) + output_offset, act_min, act_max)
 * CMSIS-NN's direct path mishandles padding that is not a multiple of the stride (rows shifted,
 * last rows unwritten); this kernel computes what the operator means for every padding. It needs
 * no scratch: the program's scratch tensors are not used. */
#ifndef ETB_CM_OP_QUANTIZED_TRANSPOSE_CONV2D_H
#define ETB_CM_OP_QUANTIZED_TRANSPOSE_CONV2D_H

#include "etb_cortex_m.h"

typedef struct etb_cm_transpose_conv_params {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t output_h, output_w, output_c;
  int32_t kernel_h, kernel_w;
  int32_t stride_h, stride_w;
  int32_t pad_h, pad_w;
  int32_t dilation_h, dilation_w;
  int32_t input_offset;
  int32_t output_offset;
  int32_t act_min, act_max;
} etb_cm_transpose_conv_params;

ETB_NODISCARD etb_status etb_cm_transpose_conv_s8(const etb_cm_transpose_conv_params *params, const int8_t *input,
                                                  const int8_t *weights, const int32_t *bias,
                                                  const int32_t *multipliers, const int32_t *shifts, int8_t *output);

#endif
