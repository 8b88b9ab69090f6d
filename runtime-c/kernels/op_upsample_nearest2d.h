/* aten::upsample_nearest2d.vec_out on [N, C, H, W] tensors (contiguous or channels-last). */
#ifndef ETB_OP_UPSAMPLE_NEAREST2D_H
#define ETB_OP_UPSAMPLE_NEAREST2D_H
#include "etb/kernel.h"

typedef struct etb_upsample_nearest2d_plan {
  int32_t batch;
  int32_t channels;
  int32_t out_h;
  int32_t out_w;
  int32_t in_strides[2];  /* n, c */
  int32_t out_strides[4]; /* n, c, h, w */
  /* Per output row: the element offset of its source row in the input (row * stride); alike per
   * column. */
  const int32_t *row_offsets;
  const int32_t *col_offsets;
} etb_upsample_nearest2d_plan;

#define ETB_DECLARE_UPSAMPLE_NEAREST2D_VEC_OUT(KEY, T)                                     \
  ETB_NODISCARD etb_status etb_op_upsample_nearest2d_vec_out_##KEY(                        \
      const etb_tensor *input, const etb_tensor *out, const etb_upsample_nearest2d_plan *plan);
#ifdef ETB_VARIANTS_etb_op_upsample_nearest2d_vec_out
ETB_VARIANTS_etb_op_upsample_nearest2d_vec_out(ETB_DECLARE_UPSAMPLE_NEAREST2D_VEC_OUT)
#endif

#endif
