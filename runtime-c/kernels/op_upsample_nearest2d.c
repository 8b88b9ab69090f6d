/* aten::upsample_nearest2d.vec_out: a gather; which input row and column each output row and
 * column copies is computed at build time with the portable kernel's float arithmetic. */
#include "op_upsample_nearest2d.h"

#define ETB_DEFINE_UPSAMPLE_NEAREST2D_VEC_OUT(KEY, T)                                      \
  etb_status etb_op_upsample_nearest2d_vec_out_##KEY(                                      \
      const etb_tensor *input, const etb_tensor *out, const etb_upsample_nearest2d_plan *plan) { \
    const int32_t *os = plan->out_strides;                                                 \
    for (int32_t n = 0; n < plan->batch; n++) {                                            \
      for (int32_t c = 0; c < plan->channels; c++) {                                       \
        const T *in_plane =                                                                \
            (const T *)input->data + n * plan->in_strides[0] + c * plan->in_strides[1];    \
        T *out_plane = (T *)out->data + n * os[0] + c * os[1];                             \
        for (int32_t oy = 0; oy < plan->out_h; oy++) {                                     \
          const T *in_row = in_plane + plan->row_offsets[oy];                              \
          T *out_row = out_plane + oy * os[2];                                             \
          for (int32_t ox = 0; ox < plan->out_w; ox++) out_row[ox * os[3]] = in_row[plan->col_offsets[ox]]; \
        }                                                                                  \
      }                                                                                    \
    }                                                                                      \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_upsample_nearest2d_vec_out
ETB_VARIANTS_etb_op_upsample_nearest2d_vec_out(ETB_DEFINE_UPSAMPLE_NEAREST2D_VEC_OUT)
#endif
