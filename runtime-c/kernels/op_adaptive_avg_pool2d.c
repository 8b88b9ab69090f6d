/* aten::_adaptive_avg_pool2d.out. The windows are fixed at build time (the plan's strides and
 * padding are 0, so a tap is an input row or column); as in the portable kernel the sum is a
 * float whatever the dtype, starting from 0, and is divided by the window's element count. */
#include "op_adaptive_avg_pool2d.h"

#define ETB_DEFINE_ADAPTIVE_AVG_POOL2D_OUT(KEY, T)                                         \
  etb_status etb_op_adaptive_avg_pool2d_out_##KEY(                                         \
      const etb_tensor *self, const etb_tensor *out, const etb_pool2d_plan *plan) {        \
    const int32_t *is = plan->in_strides;                                                  \
    const int32_t *os = plan->out_strides;                                                 \
    for (int32_t n = 0; n < plan->batch; n++) {                                            \
      for (int32_t c = 0; c < plan->channels; c++) {                                       \
        const T *in_plane = (const T *)self->data + n * is[0] + c * is[1];                 \
        T *out_plane = (T *)out->data + n * os[0] + c * os[1];                             \
        for (int32_t oy = 0; oy < plan->out_h; oy++) {                                     \
          const int32_t *row = plan->rows + 3 * oy;                                        \
          for (int32_t ox = 0; ox < plan->out_w; ox++) {                                   \
            const int32_t *col = plan->cols + 3 * ox;                                      \
            float sum = 0;                                                                 \
            for (int32_t iy = row[0]; iy < row[1]; iy++) {                                 \
              for (int32_t ix = col[0]; ix < col[1]; ix++) sum += in_plane[iy * is[2] + ix * is[3]]; \
            }                                                                              \
            const int64_t count = (int64_t)row[2] * col[2];                                \
            out_plane[oy * os[2] + ox * os[3]] = (T)(sum / (float)count);                  \
          }                                                                                \
        }                                                                                  \
      }                                                                                    \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_adaptive_avg_pool2d_out
ETB_VARIANTS_etb_op_adaptive_avg_pool2d_out(ETB_DEFINE_ADAPTIVE_AVG_POOL2D_OUT)
#endif
