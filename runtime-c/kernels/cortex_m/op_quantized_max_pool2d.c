/* cortex_m::quantized_max_pool2d.out. */
#include "op_quantized_max_pool2d.h"

#if defined(ETB_USE_etb_cm_max_pool_s8)
etb_status etb_cm_max_pool_s8(const etb_cm_pool_params *params, const int8_t *input, int8_t *output) {
  const etb_cm_pool_params *p = params;
  const int32_t channels = p->channels;
  for (int32_t b = 0; b < p->batches; b++) {
    const int8_t *image = input + (size_t)b * p->input_h * p->input_w * channels;
    for (int32_t oy = 0; oy < p->output_h; oy++) {
      for (int32_t ox = 0; ox < p->output_w; ox++) {
        int32_t y0, y1, x0, x1;
        etb_cm_pool_window(p, oy, ox, &y0, &y1, &x0, &x1);
        const int8_t *first = image + ((size_t)y0 * p->input_w + x0) * channels;
        int32_t c = 0;
#if ETB_CM_DSP
        /* Four channels per step: SSUB8 sets a GE flag per byte lane, SEL keeps the larger. */
        for (; c + 4 <= channels; c += 4) {
          uint32_t best = etb_cm_read_s8x4(first + c);
          for (int32_t y = y0; y < y1; y++) {
            for (int32_t x = x0; x < x1; x++) {
              const uint32_t v = etb_cm_read_s8x4(image + ((size_t)y * p->input_w + x) * channels + c);
              (void)__ssub8(v, best);
              best = __sel(v, best);
            }
          }
          for (int32_t lane = 0; lane < 4; lane++) {
            *output++ = (int8_t)etb_cm_clamp((int8_t)(best >> (8 * lane)), p->act_min, p->act_max);
          }
        }
#endif
        for (; c < channels; c++) {
          int8_t best = first[c];
          for (int32_t y = y0; y < y1; y++) {
            for (int32_t x = x0; x < x1; x++) {
              const int8_t v = image[((size_t)y * p->input_w + x) * channels + c];
              best = v > best ? v : best;
            }
          }
          *output++ = (int8_t)etb_cm_clamp(best, p->act_min, p->act_max);
        }
      }
    }
  }
  return ETB_OK;
}
#endif
