/* aten::max_pool2d_with_indices.out. As in the portable kernel, the running maximum starts at the
 * window's first tap inside the input and is replaced only by a strictly greater value (so a NaN
 * is kept only when it comes first). The indices go to the output's positions in `indices`. */
#include "op_max_pool2d_with_indices.h"

#define ETB_DEFINE_MAX_POOL2D_WITH_INDICES_OUT(KEY, T)                                     \
  etb_status etb_op_max_pool2d_with_indices_out_##KEY(                                     \
      const etb_tensor *self, const etb_tensor *out, const etb_tensor *indices,            \
      const etb_pool2d_plan *plan) {                                                       \
    const int32_t *is = plan->in_strides;                                                  \
    const int32_t *os = plan->out_strides;                                                 \
    for (int32_t n = 0; n < plan->batch; n++) {                                            \
      for (int32_t c = 0; c < plan->channels; c++) {                                       \
        const T *in_plane = (const T *)self->data + n * is[0] + c * is[1];                 \
        const int32_t out_plane = n * os[0] + c * os[1];                                   \
        for (int32_t oy = 0; oy < plan->out_h; oy++) {                                     \
          const int32_t *row = plan->rows + 3 * oy;                                        \
          const int32_t iy0 = oy * plan->stride_h - plan->padding_h;                       \
          for (int32_t ox = 0; ox < plan->out_w; ox++) {                                   \
            const int32_t *col = plan->cols + 3 * ox;                                      \
            const int32_t ix0 = ox * plan->stride_w - plan->padding_w;                     \
            int32_t best_y = iy0 + row[0] * plan->dilation_h;                              \
            int32_t best_x = ix0 + col[0] * plan->dilation_w;                              \
            T best = in_plane[best_y * is[2] + best_x * is[3]];                            \
            for (int32_t ky = row[0]; ky < row[1]; ky++) {                                 \
              const int32_t iy = iy0 + ky * plan->dilation_h;                              \
              for (int32_t kx = col[0]; kx < col[1]; kx++) {                               \
                const int32_t ix = ix0 + kx * plan->dilation_w;                            \
                const T v = in_plane[iy * is[2] + ix * is[3]];                             \
                if (v > best) {                                                            \
                  best = v;                                                                \
                  best_y = iy;                                                             \
                  best_x = ix;                                                             \
                }                                                                          \
              }                                                                            \
            }                                                                              \
            const int32_t at = out_plane + oy * os[2] + ox * os[3];                        \
            ((T *)out->data)[at] = best;                                                   \
            ((int64_t *)indices->data)[at] = (int64_t)best_y * plan->in_w + best_x;        \
          }                                                                                \
        }                                                                                  \
      }                                                                                    \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_max_pool2d_with_indices_out
ETB_VARIANTS_etb_op_max_pool2d_with_indices_out(ETB_DEFINE_MAX_POOL2D_WITH_INDICES_OUT)
#endif
