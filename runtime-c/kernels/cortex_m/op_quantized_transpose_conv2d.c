/* cortex_m::quantized_transpose_conv2d.out, computed output by output: each output pixel gathers
 * the input pixels and taps that land on it. */
#include "op_quantized_transpose_conv2d.h"

#if defined(ETB_USE_etb_cm_transpose_conv_s8)
/* The input coordinate that tap k of a kernel lands on output coordinate o from, or -1. */
static int32_t source_coordinate(int32_t o, int32_t k, int32_t stride, int32_t pad, int32_t dilation, int32_t size) {
  const int32_t t = o + pad - k * dilation;
  if (t < 0 || t % stride != 0) return -1;
  const int32_t i = t / stride;
  return i < size ? i : -1;
}

etb_status etb_cm_transpose_conv_s8(const etb_cm_transpose_conv_params *params, const int8_t *input,
                                    const int8_t *weights, const int32_t *bias, const int32_t *multipliers,
                                    const int32_t *shifts, int8_t *output) {
  const etb_cm_transpose_conv_params *p = params;
  const int32_t filter_size = p->kernel_h * p->kernel_w * p->input_c;
  for (int32_t b = 0; b < p->batches; b++) {
    const int8_t *image = input + (size_t)b * p->input_h * p->input_w * p->input_c;
    for (int32_t oy = 0; oy < p->output_h; oy++) {
      for (int32_t ox = 0; ox < p->output_w; ox++) {
        for (int32_t oc = 0; oc < p->output_c; oc++) {
          int32_t acc = bias ? bias[oc] : 0;
          for (int32_t ky = 0; ky < p->kernel_h; ky++) {
            const int32_t iy = source_coordinate(oy, ky, p->stride_h, p->pad_h, p->dilation_h, p->input_h);
            if (iy < 0) continue;
            for (int32_t kx = 0; kx < p->kernel_w; kx++) {
              const int32_t ix = source_coordinate(ox, kx, p->stride_w, p->pad_w, p->dilation_w, p->input_w);
              if (ix < 0) continue;
              const int8_t *in = image + ((size_t)iy * p->input_w + ix) * p->input_c;
              const int8_t *w = weights + (size_t)oc * filter_size + ((size_t)ky * p->kernel_w + kx) * p->input_c;
              for (int32_t ic = 0; ic < p->input_c; ic++) acc += (in[ic] + p->input_offset) * w[ic];
            }
          }
          *output++ = etb_cm_requantize_s8(acc, multipliers[oc], shifts[oc], p->output_offset, p->act_min, p->act_max);
        }
      }
    }
  }
  return ETB_OK;
}
#endif
