/* cortex_m::quantized_linear.out. */
#include "op_quantized_linear.h"

#if defined(ETB_USE_etb_cm_linear_s8)
static int32_t dot_plain(const int8_t *x, const int8_t *w, int32_t length, int32_t input_offset,
                         int32_t filter_offset) {
  int32_t acc = 0;
  for (int32_t k = 0; k < length; k++) acc += (x[k] + input_offset) * (w[k] + filter_offset);
  return acc;
}

#if ETB_CM_DSP
/* One input row against two weight rows, four features per step (SXTAB16 adds the offsets,
 * SMLAD multiplies and accumulates two lanes). */
static void dot_1x2(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t length, int32_t input_offset,
                    int32_t filter_offset, int32_t *acc0, int32_t *acc1) {
  const uint32_t in_off = etb_cm_pair_s16(input_offset), w_off = etb_cm_pair_s16(filter_offset);
  int32_t a0 = *acc0, a1 = *acc1;
  int32_t k = 0;
  for (; k + 4 <= length; k += 4) {
    const uint32_t in = etb_cm_read_s8x4(x + k);
    const uint32_t xe = etb_cm_even_s16x2(in_off, in), xo = etb_cm_odd_s16x2(in_off, in);
    uint32_t w = etb_cm_read_s8x4(w0 + k);
    a0 = __smlad(xe, etb_cm_even_s16x2(w_off, w), a0);
    a0 = __smlad(xo, etb_cm_odd_s16x2(w_off, w), a0);
    w = etb_cm_read_s8x4(w1 + k);
    a1 = __smlad(xe, etb_cm_even_s16x2(w_off, w), a1);
    a1 = __smlad(xo, etb_cm_odd_s16x2(w_off, w), a1);
  }
  *acc0 = a0 + dot_plain(x + k, w0 + k, length - k, input_offset, filter_offset);
  *acc1 = a1 + dot_plain(x + k, w1 + k, length - k, input_offset, filter_offset);
}
#endif

etb_status etb_cm_linear_s8(const etb_cm_linear_params *params, const int8_t *input, const int8_t *weights,
                            const int32_t *bias, int8_t *output) {
  const etb_cm_linear_params *p = params;
  const int32_t length = p->in_features;
  for (int32_t b = 0; b < p->batches; b++) {
    const int8_t *x = input + (size_t)b * length;
    int8_t *out = output + (size_t)b * p->out_features;
    int32_t n = 0;
#if ETB_CM_DSP
    if (etb_cm_offset_fits_s16(p->input_offset) && etb_cm_offset_fits_s16(p->filter_offset)) {
      for (; n + 2 <= p->out_features; n += 2) {
        int32_t acc0 = bias ? bias[n] : 0, acc1 = bias ? bias[n + 1] : 0;
        dot_1x2(x, weights + (size_t)n * length, weights + (size_t)(n + 1) * length, length, p->input_offset,
                p->filter_offset, &acc0, &acc1);
        out[n] = etb_cm_requantize_s8(acc0, p->multiplier, p->shift, p->output_offset, p->act_min, p->act_max);
        out[n + 1] = etb_cm_requantize_s8(acc1, p->multiplier, p->shift, p->output_offset, p->act_min, p->act_max);
      }
    }
#endif
    for (; n < p->out_features; n++) {
      const int32_t acc = (bias ? bias[n] : 0) +
                          dot_plain(x, weights + (size_t)n * length, length, p->input_offset, p->filter_offset);
      out[n] = etb_cm_requantize_s8(acc, p->multiplier, p->shift, p->output_offset, p->act_min, p->act_max);
    }
  }
  return ETB_OK;
}
#endif
