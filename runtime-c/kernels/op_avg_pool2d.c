/* aten::avg_pool2d.out. As in the portable kernel, a window's sum starts at its first tap inside
 * the input and adds the others row by row; the divisor is divisor_override, else the window's
 * count (padding included or not, resolved at build time into the row and column tables). */
#include "op_avg_pool2d.h"

#define ETB_DEFINE_AVG_POOL2D_OUT(KEY, T, ACC_T)                                           \
  etb_status etb_op_avg_pool2d_out_##KEY(const etb_tensor *self, const etb_tensor *out,    \
                                         const etb_pool2d_plan *plan,                      \
                                         int64_t divisor_override) {                       \
    const int32_t *is = plan->in_strides;                                                  \
    const int32_t *os = plan->out_strides;                                                 \
    for (int32_t n = 0; n < plan->batch; n++) {                                            \
      for (int32_t c = 0; c < plan->channels; c++) {                                       \
        const T *in_plane = (const T *)self->data + n * is[0] + c * is[1];                 \
        T *out_plane = (T *)out->data + n * os[0] + c * os[1];                             \
        for (int32_t oy = 0; oy < plan->out_h; oy++) {                                     \
          const int32_t *row = plan->rows + 3 * oy;                                        \
          const int32_t iy0 = oy * plan->stride_h - plan->padding_h;                       \
          for (int32_t ox = 0; ox < plan->out_w; ox++) {                                   \
            const int32_t *col = plan->cols + 3 * ox;                                      \
            const int32_t ix0 = ox * plan->stride_w - plan->padding_w;                     \
            ACC_T acc = (ACC_T)in_plane[(iy0 + row[0]) * is[2] + (ix0 + col[0]) * is[3]];  \
            int32_t kx = col[0] + 1;                                                       \
            for (int32_t ky = row[0]; ky < row[1]; ky++) {                                 \
              const T *in_row = in_plane + (iy0 + ky) * is[2];                             \
              for (; kx < col[1]; kx++) acc = (ACC_T)in_row[(ix0 + kx) * is[3]] + acc;     \
              kx = col[0];                                                                 \
            }                                                                              \
            const int64_t divisor =                                                        \
                divisor_override ? divisor_override : (int64_t)row[2] * col[2];            \
            out_plane[oy * os[2] + ox * os[3]] = (T)acc / (T)divisor;                      \
          }                                                                                \
        }                                                                                  \
      }                                                                                    \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_avg_pool2d_out
ETB_VARIANTS_etb_op_avg_pool2d_out(ETB_DEFINE_AVG_POOL2D_OUT)
#endif
