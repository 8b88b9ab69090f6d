/* The convolution kernel declared in etb_cm_conv.h (cortex_m::quantized_conv2d.out). It is
 * written in this header because two operators use it: op_quantized_conv2d.c, and
 * op_quantized_depthwise_conv2d.c, whose one-input-channel case is an ordinary convolution. Both
 * include it; the public functions are weak definitions, so a program that uses both operators
 * links one copy (the other is discarded with --gc-sections) and a program that uses either
 * one alone still finds it. */
#ifndef ETB_CM_CONV_KERNEL_H
#define ETB_CM_CONV_KERNEL_H

#include "etb_cm_conv.h"

#if defined(__GNUC__)
#define ETB_CM_SHARED __attribute__((weak))
#else
#define ETB_CM_SHARED
#endif

#if defined(ETB_USE_etb_cm_conv_s8)
/* sum of (x[i] + offset) * w[i] over n values. */
static int32_t conv_dot_plain(const int8_t *x, const int8_t *w, int32_t n, int32_t offset) {
  int32_t acc = 0;
  for (int32_t i = 0; i < n; i++) acc += (x[i] + offset) * w[i];
  return acc;
}

/* The reference: every output from its definition, over the taps inside the input. Runs on
 * every core and handles every case. Without groups or horizontal dilation the valid taps of a
 * kernel row are one run of values in both the input and the filter. */
static void conv_plain(const etb_cm_conv_params *p, const int8_t *input, const int8_t *weights,
                       const int32_t *bias, const int32_t *multipliers, const int32_t *shifts, int8_t *output) {
  const int32_t groups = p->input_c / p->filter_c;
  const int32_t channels_per_group = p->output_c / groups;
  const int32_t filter_size = p->kernel_h * p->kernel_w * p->filter_c;
  const int runs = groups == 1 && p->dilation_w == 1;
  for (int32_t b = 0; b < p->batches; b++) {
    const int8_t *image = input + (size_t)b * p->input_h * p->input_w * p->input_c;
    for (int32_t oy = 0; oy < p->output_h; oy++) {
      for (int32_t ox = 0; ox < p->output_w; ox++) {
        const int32_t iy0 = oy * p->stride_h - p->pad_h, ix0 = ox * p->stride_w - p->pad_w;
        int32_t kx0 = 0, kx1 = p->kernel_w;
        while (kx0 < kx1 && ix0 + kx0 * p->dilation_w < 0) kx0++;
        while (kx1 > kx0 && ix0 + (kx1 - 1) * p->dilation_w >= p->input_w) kx1--;
        for (int32_t oc = 0; oc < p->output_c; oc++) {
          const int32_t group = oc / channels_per_group;
          const int8_t *filter = weights + (size_t)oc * filter_size;
          int32_t acc = bias ? bias[oc] : 0;
          for (int32_t ky = 0; ky < p->kernel_h; ky++) {
            const int32_t iy = iy0 + ky * p->dilation_h;
            if (iy < 0 || iy >= p->input_h) continue;
            if (kx0 == kx1) continue;
            const int32_t ix = ix0 + kx0 * p->dilation_w; /* the first valid tap of the row */
            const int8_t *in = image + ((size_t)iy * p->input_w + (size_t)ix) * p->input_c + group * p->filter_c;
            const int8_t *w = filter + ((size_t)ky * p->kernel_w + kx0) * p->filter_c;
            if (runs) {
              acc += conv_dot_plain(in, w, (kx1 - kx0) * p->filter_c, p->input_offset);
              continue;
            }
            for (int32_t kx = kx0; kx < kx1; kx++) {
              acc += conv_dot_plain(in + (size_t)(kx - kx0) * p->dilation_w * p->input_c,
                                    w + (size_t)(kx - kx0) * p->filter_c, p->filter_c, p->input_offset);
            }
          }
          *output++ = etb_cm_requantize_s8(acc, multipliers[oc], shifts[oc], p->output_offset, p->act_min, p->act_max);
        }
      }
    }
  }
}

#if ETB_CM_DSP
/* Windows of at most this many values are expanded on the stack (4 bytes per value for the two
 * expanded windows, 1 for the im2col row); larger ones use the caller's scratch. */
#ifndef ETB_CM_CONV_STACK_VALUES
#define ETB_CM_CONV_STACK_VALUES 128
#endif

static int32_t conv_window_length(const etb_cm_conv_params *p) {
  return p->kernel_h * p->kernel_w * p->input_c;
}

static int conv_reads_in_place(const etb_cm_conv_params *p) {
  return p->kernel_h == 1 && p->kernel_w == 1 && p->stride_h == 1 && p->stride_w == 1 && p->pad_h == 0 &&
         p->pad_w == 0;
}

/* Words of the two expanded windows (the window rounded up to four values, one word per two). */
static size_t conv_expanded_words(const etb_cm_conv_params *p) {
  return (size_t)((conv_window_length(p) + 3) & ~3);
}

/* Scratch bytes of the DSP path: the expanded windows, then the im2col row when there is one. */
static size_t conv_dsp_bytes(const etb_cm_conv_params *p) {
  return 4u * conv_expanded_words(p) + (conv_reads_in_place(p) ? 0u : conv_expanded_words(p));
}

/* The window of output pixel `pixel` (batch, row and column in memory order) as
 * kernel_h * kernel_w * input_c int8 values: in place for a 1x1 window without padding or
 * stride, otherwise copied into `row` (im2col) with -input_offset in the padding, which
 * contributes nothing once the offset is added. */
static const int8_t *conv_window(const etb_cm_conv_params *p, const int8_t *input, int32_t pixel, int8_t *row) {
  const int32_t channels = p->input_c;
  if (conv_reads_in_place(p)) return input + (size_t)pixel * channels;
  const int32_t per_image = p->output_h * p->output_w;
  const int8_t *image = input + (size_t)(pixel / per_image) * p->input_h * p->input_w * channels;
  const int32_t iy0 = (pixel % per_image) / p->output_w * p->stride_h - p->pad_h;
  const int32_t ix0 = pixel % p->output_w * p->stride_w - p->pad_w;
  const int8_t pad = (int8_t)(-p->input_offset);
  const size_t row_bytes = (size_t)p->kernel_w * channels;
  int8_t *dst = row;
  for (int32_t ky = 0; ky < p->kernel_h; ky++, dst += row_bytes) {
    const int32_t iy = iy0 + ky * p->dilation_h;
    if (iy < 0 || iy >= p->input_h) {
      memset(dst, pad, row_bytes);
      continue;
    }
    const int8_t *line = image + (size_t)iy * p->input_w * channels;
    if (p->dilation_w == 1 && ix0 >= 0 && ix0 + p->kernel_w <= p->input_w) {
      memcpy(dst, line + (size_t)ix0 * channels, row_bytes);
      continue;
    }
    for (int32_t kx = 0; kx < p->kernel_w; kx++) {
      const int32_t ix = ix0 + kx * p->dilation_w;
      if (ix < 0 || ix >= p->input_w) memset(dst + (size_t)kx * channels, pad, (size_t)channels);
      else memcpy(dst + (size_t)kx * channels, line + (size_t)ix * channels, (size_t)channels);
    }
  }
  return row;
}

/* The windows of two output pixels, expanded to 16-bit values with the input offset added and
 * interleaved the way the dot loop reads them: for every four window values k..k+3, the words
 * (x0[k], x0[k+2]), (x0[k+1], x0[k+3]), (x1[k], x1[k+2]), (x1[k+1], x1[k+3]). Those are the
 * pairs SXTB16 and SXTB16 ROR #8 make of a word of weights; SXTAB16 makes them of a word of
 * inputs and adds the offset. Values past the window are 0: they contribute nothing. */
static void conv_expand_windows(const etb_cm_conv_params *p, const int8_t *input, int32_t pixel, int8_t *row,
                                uint32_t *expanded) {
  const int32_t length = conv_window_length(p);
  const uint32_t offset = etb_cm_pair_s16(p->input_offset);
  for (int32_t slot = 0; slot < 2; slot++) {
    const int8_t *x = conv_window(p, input, pixel + slot, row);
    uint32_t *words = expanded + 2 * slot;
    int32_t k = 0;
    for (; k + 4 <= length; k += 4, words += 4) {
      const uint32_t value = etb_cm_read_s8x4(x + k);
      words[0] = etb_cm_even_s16x2(offset, value);
      words[1] = etb_cm_odd_s16x2(offset, value);
    }
    if (k < length) {
      int32_t v[4] = {0, 0, 0, 0};
      for (int32_t r = 0; k + r < length; r++) v[r] = x[k + r] + p->input_offset;
      words[0] = ((uint32_t)v[0] & 0xFFFFu) | ((uint32_t)v[2] << 16);
      words[1] = ((uint32_t)v[1] & 0xFFFFu) | ((uint32_t)v[3] << 16);
    }
  }
}

/* Dot products of two expanded windows with two filters over the first 4 * (length / 4) values;
 * filter 1 follows filter 0 `length` bytes later. acc = {window 0 x filter 0, window 0 x
 * filter 1, window 1 x filter 0, window 1 x filter 1}. Each step: two LDRD bring the four pairs
 * of the windows, SXTB16 splits a word of weights into the matching pairs, SMLAD multiplies and
 * accumulates two pairs (17 instructions for 16 multiply-accumulates), two steps per iteration.
 *
 * An assembly function: the loop needs all 14 registers, which compilers at -Os spill and which
 * inline assembly cannot claim when the frame pointer is kept (-O0). Registers: r0 windows,
 * r1 filter 0, r2 length, r3 step count, r4-r7 accumulators, r8-r12 and lr values. */
#define CONV_DOT_STEP                                                              \
  "ldrd    r10, r11, [r0, #8]\n\t" /* window 1: (k, k+2), (k+1, k+3) */            \
  "ldrd    r8, r9, [r0], #16\n\t"  /* window 0 */                                  \
  "ldr     r12, [r1, r2]\n\t"      /* filter 1 */                                  \
  "sxtb16  lr, r12\n\t"                                                            \
  "sxtb16  r12, r12, ror #8\n\t"                                                   \
  "smlad   r5, r8, lr, r5\n\t"                                                     \
  "smlad   r5, r9, r12, r5\n\t"                                                    \
  "smlad   r7, r10, lr, r7\n\t"                                                    \
  "smlad   r7, r11, r12, r7\n\t"                                                   \
  "ldr     r12, [r1], #4\n\t"      /* filter 0 */                                  \
  "sxtb16  lr, r12\n\t"                                                            \
  "sxtb16  r12, r12, ror #8\n\t"                                                   \
  "smlad   r4, r8, lr, r4\n\t"                                                     \
  "smlad   r4, r9, r12, r4\n\t"                                                    \
  "smlad   r6, r10, lr, r6\n\t"                                                    \
  "smlad   r6, r11, r12, r6\n\t"

/* The parameters are read by the assembly, in r0-r3. */
__attribute__((naked, noinline)) static void conv_dot_steps(const int16_t *x ETB_UNUSED, const int8_t *w ETB_UNUSED,
                                                            int32_t length ETB_UNUSED, int32_t *acc ETB_UNUSED) {
  __asm__("push    {r3-r11, lr}\n\t"
          "ldm     r3, {r4-r7}\n\t"
          "lsrs    r3, r2, #3\n\t" /* pairs of steps; carry: an odd step; zero: no pair (steps set no flags) */
          "bcc     1f\n\t" CONV_DOT_STEP
          "1:\n\t"
          "beq     3f\n\t"
          "2:\n\t" CONV_DOT_STEP CONV_DOT_STEP
          "subs    r3, r3, #1\n\t"
          "bne     2b\n\t"
          "3:\n\t"
          "ldr     r3, [sp]\n\t"
          "stm     r3, {r4-r7}\n\t"
          "pop     {r3-r11, pc}\n\t");
}
#undef CONV_DOT_STEP

/* The four dot products over the whole window: the steps, then the last one to three values. */
static void conv_dot_2x2(const int16_t *x, const int8_t *w, int32_t length, int32_t acc[4]) {
  conv_dot_steps(x, w, length, acc);
  const int32_t done = length & ~3;
  x += 2 * done;
  w += done;
  for (int32_t r = 0; r < (length & 3); r++) {
    const int32_t i = (r & 1) * 2 + (r >> 1);
    acc[0] += x[i] * w[r];
    acc[1] += x[i] * w[r + length];
    acc[2] += x[4 + i] * w[r];
    acc[3] += x[4 + i] * w[r + length];
  }
}

/* Output pixels two at a time, output channels two at a time: each block is four dot products.
 * With an odd count the last block starts one earlier and recomputes one pixel (or channel),
 * which stores the same bytes again. */
static void conv_dsp(const etb_cm_conv_params *p, const int8_t *input, const int8_t *weights, const int32_t *bias,
                     const int32_t *multipliers, const int32_t *shifts, int8_t *row, uint32_t *expanded,
                     int8_t *output) {
  const int32_t length = conv_window_length(p);
  const int32_t pixels = p->batches * p->output_h * p->output_w;
  const int32_t channels = p->output_c;
  const etb_cm_output quant = etb_cm_output_of(p->output_offset, p->act_min, p->act_max);
  for (int32_t px = 0; px < pixels; px += 2) {
    const int32_t p0 = px + 2 <= pixels ? px : pixels - 2;
    conv_expand_windows(p, input, p0, row, expanded);
    int8_t *out = output + (size_t)p0 * channels;
    for (int32_t oc = 0; oc < channels; oc += 2) {
      const int32_t c0 = oc + 2 <= channels ? oc : channels - 2;
      const int32_t bias0 = bias ? bias[c0] : 0, bias1 = bias ? bias[c0 + 1] : 0;
      int32_t acc[4] = {bias0, bias1, bias0, bias1};
      conv_dot_2x2((const int16_t *)expanded, weights + (size_t)c0 * length, length, acc);
      /* acc = {pixel 0 channel c0, pixel 0 channel c0 + 1, pixel 1 channel c0, pixel 1 channel c0 + 1} */
      const int32_t m0 = multipliers[c0], s0 = shifts[c0], m1 = multipliers[c0 + 1], s1 = shifts[c0 + 1];
      if (quant.full_range && (s0 & s1) < 0) {
        out[c0] = etb_cm_requantize_right_s8(acc[0], m0, -s0, quant.offset);
        out[c0 + 1] = etb_cm_requantize_right_s8(acc[1], m1, -s1, quant.offset);
        out[channels + c0] = etb_cm_requantize_right_s8(acc[2], m0, -s0, quant.offset);
        out[channels + c0 + 1] = etb_cm_requantize_right_s8(acc[3], m1, -s1, quant.offset);
      } else {
        for (int32_t i = 0; i < 4; i++) {
          const int32_t c = c0 + (i & 1);
          out[(i >> 1) * channels + c] = etb_cm_requantize_out(acc[i], multipliers[c], shifts[c], &quant);
        }
      }
    }
  }
}

/* The DSP path works on blocks of two pixels and two channels of one group, with 16-bit input
 * values (offset included); an im2col row needs the padding value -input_offset as an int8 (true
 * of every real zero point). */
static int conv_dsp_applies(const etb_cm_conv_params *p) {
  return p->batches * p->output_h * p->output_w >= 2 && p->output_c >= 2 && p->filter_c == p->input_c &&
         etb_cm_offset_fits_s16(p->input_offset) &&
         (conv_reads_in_place(p) || (p->input_offset >= -127 && p->input_offset <= 128));
}
#endif

/* The DSP path works on the stack up to ETB_CM_CONV_STACK_VALUES window values, in the scratch
 * beyond that. */
ETB_CM_SHARED size_t etb_cm_conv_s8_scratch_size(const etb_cm_conv_params *params) {
#if ETB_CM_DSP
  if (conv_window_length(params) <= ETB_CM_CONV_STACK_VALUES) return 0;
  return conv_dsp_bytes(params);
#else
  (void)params;
  return 0;
#endif
}

ETB_CM_SHARED etb_status etb_cm_conv_s8(const etb_cm_conv_params *params, const int8_t *input, const int8_t *weights,
                                        const int32_t *bias, const int32_t *multipliers, const int32_t *shifts,
                                        int8_t *scratch, size_t scratch_size, int8_t *output) {
#if ETB_CM_DSP
  if (conv_dsp_applies(params)) {
    uint32_t *expanded = (uint32_t *)(void *)scratch;
    uint32_t stack[ETB_CM_CONV_STACK_VALUES + ETB_CM_CONV_STACK_VALUES / 4];
    if (conv_window_length(params) <= ETB_CM_CONV_STACK_VALUES) expanded = stack;
    else if (scratch_size < conv_dsp_bytes(params) || ((uintptr_t)scratch & 3u) != 0) expanded = NULL;
    if (expanded) {
      conv_dsp(params, input, weights, bias, multipliers, shifts, (int8_t *)(expanded + conv_expanded_words(params)),
               expanded, output);
      return ETB_OK;
    }
  }
#else
  (void)scratch;
  (void)scratch_size;
#endif
  conv_plain(params, input, weights, bias, multipliers, shifts, output);
  return ETB_OK;
}
#endif /* ETB_USE_etb_cm_conv_s8 */

#endif /* ETB_CM_CONV_KERNEL_H */
