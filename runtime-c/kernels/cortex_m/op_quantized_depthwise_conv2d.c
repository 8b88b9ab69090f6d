/* cortex_m::quantized_depthwise_conv2d.out. */
#include "op_quantized_depthwise_conv2d.h"

#include "etb_cm_conv_kernel.h"

#if defined(ETB_USE_etb_cm_depthwise_conv_s8)
/* The kernel rows [*ky0, *ky1) and columns [*kx0, *kx1) of output pixel (oy, ox) that fall
 * inside the input. */
static void valid_taps(const etb_cm_depthwise_conv_params *p, int32_t oy, int32_t ox, int32_t *ky0, int32_t *ky1,
                       int32_t *kx0, int32_t *kx1) {
  const int32_t iy0 = oy * p->stride_h - p->pad_h, ix0 = ox * p->stride_w - p->pad_w;
  int32_t k = 0;
  while (k < p->kernel_h && iy0 + k * p->dilation_h < 0) k++;
  *ky0 = k;
  while (k < p->kernel_h && iy0 + k * p->dilation_h < p->input_h) k++;
  *ky1 = k;
  k = 0;
  while (k < p->kernel_w && ix0 + k * p->dilation_w < 0) k++;
  *kx0 = k;
  while (k < p->kernel_w && ix0 + k * p->dilation_w < p->input_w) k++;
  *kx1 = k;
}

/* One output channel per input channel uses a table of the valid taps of each output pixel (on
 * the stack) when the kernel has at most this many taps. */
#define DW_MAX_TAPS 32

#if ETB_CM_DSP
/* Four channels at once over a table of taps (input and weight byte offsets of each valid tap;
 * at least one). Each tap is one word of inputs and one of weights split into 16-bit lanes
 * (SXTAB16 adds the offset to the inputs); SMLABB / SMLATT accumulate each lane into its channel:
 * 13 instructions for 4 multiply-accumulates.
 *
 * An assembly function: the loop needs 13 registers, which compilers at -Os spill and which inline
 * assembly cannot claim when the frame pointer is kept (-O0). Registers: r0 input, r1 weights,
 * r2 taps, r3 count, r4-r7 accumulators of channels 0-3, r8-r11 values, r12 the offset pair;
 * `offset` and `acc` arrive on the stack. */
__attribute__((naked, noinline)) static void dw_channels_dsp(const int8_t *input ETB_UNUSED,
                                                             const int8_t *weights ETB_UNUSED,
                                                             const int32_t (*taps)[2] ETB_UNUSED,
                                                             int32_t count ETB_UNUSED, uint32_t offset ETB_UNUSED,
                                                             int32_t *acc ETB_UNUSED) {
  __asm__("push    {r4-r11, lr}\n\t"
          "ldr     r12, [sp, #40]\n\t" /* acc */
          "ldm     r12, {r4-r7}\n\t"
          "ldr     r12, [sp, #36]\n\t" /* offset */
          "1:\n\t"
          "ldrd    r8, r9, [r2], #8\n\t"
          "ldr     r8, [r0, r8]\n\t"
          "ldr     r9, [r1, r9]\n\t"
          "sxtab16 r10, r12, r8\n\t"
          "sxtab16 r8, r12, r8, ror #8\n\t"
          "sxtb16  r11, r9\n\t"
          "sxtb16  r9, r9, ror #8\n\t"
          "smlabb  r4, r10, r11, r4\n\t"
          "smlatt  r6, r10, r11, r6\n\t"
          "smlabb  r5, r8, r9, r5\n\t"
          "smlatt  r7, r8, r9, r7\n\t"
          "subs    r3, r3, #1\n\t"
          "bne     1b\n\t"
          "ldr     r12, [sp, #40]\n\t"
          "stm     r12, {r4-r7}\n\t"
          "pop     {r4-r11, pc}\n\t");
}

#endif

/* One output channel per input channel: for each output pixel, the table of its valid taps (input
 * and weight byte offsets), then the channels: on the DSP path four at a time, with the short
 * requantization for right shifts into the full int8 range (the usual case); one by one
 * otherwise. */
static void depthwise_per_channel(const etb_cm_depthwise_conv_params *p, const int8_t *input, const int8_t *weights,
                                  const int32_t *bias, const int32_t *multipliers, const int32_t *shifts,
                                  int8_t *output) {
  const int32_t channels = p->output_c;
  const etb_cm_output quant = etb_cm_output_of(p->output_offset, p->act_min, p->act_max);
#if ETB_CM_DSP
  const int32_t vector_channels = etb_cm_offset_fits_s16(p->input_offset) ? channels & ~3 : 0;
  const uint32_t offset = etb_cm_pair_s16(p->input_offset);
#endif
  int32_t taps[DW_MAX_TAPS][2];
  for (int32_t b = 0; b < p->batches; b++) {
    const int8_t *image = input + (size_t)b * p->input_h * p->input_w * channels;
    for (int32_t oy = 0; oy < p->output_h; oy++) {
      for (int32_t ox = 0; ox < p->output_w; ox++) {
        int32_t ky0, ky1, kx0, kx1, count = 0;
        valid_taps(p, oy, ox, &ky0, &ky1, &kx0, &kx1);
        for (int32_t ky = ky0; ky < ky1; ky++) {
          const int32_t iy = oy * p->stride_h - p->pad_h + ky * p->dilation_h;
          for (int32_t kx = kx0; kx < kx1; kx++, count++) {
            const int32_t ix = ox * p->stride_w - p->pad_w + kx * p->dilation_w;
            taps[count][0] = (iy * p->input_w + ix) * channels;
            taps[count][1] = (ky * p->kernel_w + kx) * channels;
          }
        }
        int32_t c = 0;
#if ETB_CM_DSP
        for (; c < vector_channels; c += 4, output += 4) {
          int32_t acc[4];
          for (int32_t j = 0; j < 4; j++) acc[j] = bias ? bias[c + j] : 0;
          if (count > 0) dw_channels_dsp(image + c, weights + c, taps, count, offset, acc);
          const int32_t *m = multipliers + c, *sh = shifts + c;
          if (quant.full_range && (sh[0] & sh[1] & sh[2] & sh[3]) < 0) {
            output[0] = etb_cm_requantize_right_s8(acc[0], m[0], -sh[0], quant.offset);
            output[1] = etb_cm_requantize_right_s8(acc[1], m[1], -sh[1], quant.offset);
            output[2] = etb_cm_requantize_right_s8(acc[2], m[2], -sh[2], quant.offset);
            output[3] = etb_cm_requantize_right_s8(acc[3], m[3], -sh[3], quant.offset);
          } else {
            for (int32_t j = 0; j < 4; j++) output[j] = etb_cm_requantize_out(acc[j], m[j], sh[j], &quant);
          }
        }
#endif
        for (; c < channels; c++) {
          int32_t acc = bias ? bias[c] : 0;
          for (int32_t t = 0; t < count; t++) {
            acc += (image[taps[t][0] + c] + p->input_offset) * weights[taps[t][1] + c];
          }
          *output++ = etb_cm_requantize_out(acc, multipliers[c], shifts[c], &quant);
        }
      }
    }
  }
}

/* The reference, output by output: several output channels per input channel, or kernels with
 * more taps than the table holds. */
static void depthwise_multiplied(const etb_cm_depthwise_conv_params *p, const int8_t *input, const int8_t *weights,
                                 const int32_t *bias, const int32_t *multipliers, const int32_t *shifts,
                                 int8_t *output) {
  for (int32_t b = 0; b < p->batches; b++) {
    const int8_t *image = input + (size_t)b * p->input_h * p->input_w * p->input_c;
    for (int32_t oy = 0; oy < p->output_h; oy++) {
      for (int32_t ox = 0; ox < p->output_w; ox++) {
        int32_t ky0, ky1, kx0, kx1;
        valid_taps(p, oy, ox, &ky0, &ky1, &kx0, &kx1);
        const int32_t iy0 = oy * p->stride_h - p->pad_h, ix0 = ox * p->stride_w - p->pad_w;
        for (int32_t oc = 0; oc < p->output_c; oc++) {
          const int32_t ic = oc / p->depth_multiplier;
          int32_t acc = bias ? bias[oc] : 0;
          for (int32_t ky = ky0; ky < ky1; ky++) {
            const int32_t iy = iy0 + ky * p->dilation_h;
            for (int32_t kx = kx0; kx < kx1; kx++) {
              const int32_t ix = ix0 + kx * p->dilation_w;
              const int32_t x = image[((size_t)iy * p->input_w + ix) * p->input_c + ic];
              acc += (x + p->input_offset) * weights[((size_t)ky * p->kernel_w + kx) * p->output_c + oc];
            }
          }
          *output++ = etb_cm_requantize_s8(acc, multipliers[oc], shifts[oc], p->output_offset, p->act_min, p->act_max);
        }
      }
    }
  }
}

etb_status etb_cm_depthwise_conv_s8(const etb_cm_depthwise_conv_params *params, const int8_t *input,
                                    const int8_t *weights, const int32_t *bias, const int32_t *multipliers,
                                    const int32_t *shifts, int8_t *output) {
  if (params->depth_multiplier == 1 && params->kernel_h * params->kernel_w <= DW_MAX_TAPS) {
    depthwise_per_channel(params, input, weights, bias, multipliers, shifts, output);
  } else {
    depthwise_multiplied(params, input, weights, bias, multipliers, shifts, output);
  }
  return ETB_OK;
}
#endif
