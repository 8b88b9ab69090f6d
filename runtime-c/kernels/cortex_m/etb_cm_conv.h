/* The convolution kernel: cortex_m::quantized_conv2d.out (CMSIS-NN arm_convolve_wrapper_s8), and
 * the one-input-channel case of cortex_m::quantized_depthwise_conv2d.out. int8 NHWC input, int8 OHWI
 * weights, optional int32 bias, per-channel requantization:
 *   acc = bias[oc] + sum over the kernel window and input channels of (in + input_offset) * w
 *   out = clamp(requantize(acc, multipliers[oc], shifts[oc]) + output_offset, act_min, act_max)
 * Taps that fall in the padding contribute nothing. input_offset is the negated input zero point,
 * output_offset the output zero point. Grouped convolution when input_c is a multiple of
 * filter_c (groups = input_c / filter_c). */
#ifndef ETB_CM_CONV_H
#define ETB_CM_CONV_H

#include "etb_cortex_m.h"

typedef struct etb_cm_conv_params {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t output_h, output_w, output_c;
  int32_t kernel_h, kernel_w, filter_c; /* weights are [output_c][kernel_h][kernel_w][filter_c] */
  int32_t stride_h, stride_w;
  int32_t pad_h, pad_w; /* top and left padding */
  int32_t dilation_h, dilation_w;
  int32_t input_offset;
  int32_t output_offset;
  int32_t act_min, act_max;
} etb_cm_conv_params;

/* Scratch bytes the DSP path needs (0 up to ETB_CM_CONV_STACK_VALUES window values, which it keeps
 * on the stack; 0 on cores without the DSP extension). With less scratch the kernel computes the
 * same result on its plain path. */
size_t etb_cm_conv_s8_scratch_size(const etb_cm_conv_params *params);

ETB_NODISCARD etb_status etb_cm_conv_s8(const etb_cm_conv_params *params, const int8_t *input, const int8_t *weights,
                                        const int32_t *bias, const int32_t *multipliers, const int32_t *shifts,
                                        int8_t *scratch, size_t scratch_size, int8_t *output);

#endif
