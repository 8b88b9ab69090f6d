/* cortex_m::quantized_avg_pool2d.out. */
#include "op_quantized_avg_pool2d.h"

#if defined(ETB_USE_etb_cm_avg_pool_s8)
static int8_t average(int32_t sum, int32_t count, const etb_cm_pool_params *p) {
  if (count == 0) return (int8_t)etb_cm_clamp(0, p->act_min, p->act_max);
  const int32_t half = count / 2;
  const int32_t mean = sum > 0 ? (sum + half) / count : (sum - half) / count;
  return (int8_t)etb_cm_clamp(mean, p->act_min, p->act_max);
}

etb_status etb_cm_avg_pool_s8(const etb_cm_pool_params *params, const int8_t *input, int8_t *output) {
  const etb_cm_pool_params *p = params;
  const int32_t channels = p->channels;
  for (int32_t b = 0; b < p->batches; b++) {
    const int8_t *image = input + (size_t)b * p->input_h * p->input_w * channels;
    for (int32_t oy = 0; oy < p->output_h; oy++) {
      for (int32_t ox = 0; ox < p->output_w; ox++) {
        int32_t y0, y1, x0, x1;
        etb_cm_pool_window(p, oy, ox, &y0, &y1, &x0, &x1);
        const int32_t count = (y1 > y0 && x1 > x0) ? (y1 - y0) * (x1 - x0) : 0;
        int32_t c = 0;
#if ETB_CM_DSP
        /* Four channels per step, summed in 16-bit lanes (SXTAB16): 256 int8 values always fit,
         * so the lanes are moved into 32-bit sums every 256 taps. */
        for (; c + 4 <= channels; c += 4) {
          int32_t sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
          uint32_t lanes02 = 0, lanes13 = 0;
          int32_t in_lanes = 0;
          for (int32_t y = y0; y < y1; y++) {
            const int8_t *row = image + ((size_t)y * p->input_w) * channels + c;
            for (int32_t x = x0; x < x1; x++) {
              const uint32_t v = etb_cm_read_s8x4(row + (size_t)x * channels);
              lanes02 = etb_cm_even_s16x2(lanes02, v);
              lanes13 = etb_cm_odd_s16x2(lanes13, v);
              if (++in_lanes == 256 || (y == y1 - 1 && x == x1 - 1)) {
                sum0 += (int16_t)lanes02;
                sum2 += (int16_t)(lanes02 >> 16);
                sum1 += (int16_t)lanes13;
                sum3 += (int16_t)(lanes13 >> 16);
                lanes02 = lanes13 = 0;
                in_lanes = 0;
              }
            }
          }
          *output++ = average(sum0, count, p);
          *output++ = average(sum1, count, p);
          *output++ = average(sum2, count, p);
          *output++ = average(sum3, count, p);
        }
#endif
        for (; c < channels; c++) {
          int32_t sum = 0;
          for (int32_t y = y0; y < y1; y++) {
            for (int32_t x = x0; x < x1; x++) sum += image[((size_t)y * p->input_w + x) * channels + c];
          }
          *output++ = average(sum, count, p);
        }
      }
    }
  }
  return ETB_OK;
}
#endif
