/* 2-D sliding windows over the last two dimensions of [N, C, H, W] tensors (3-D inputs are
 * treated as N = 1), shared by the pooling kernels. The lowering (src/codegen/lowering/pool.ts)
 * resolves padding and ceil mode into per-row and per-column tap tables, so a kernel never tests
 * a coordinate against the borders. */
#ifndef ETB_POOL_H
#define ETB_POOL_H

#include "etb/etb.h"

typedef struct etb_pool2d_plan {
  int32_t batch;
  int32_t channels;
  int32_t out_h;
  int32_t out_w;
  int32_t in_w; /* for the flat indices max pooling returns */
  /* Input row of output row y, tap t: y * stride_h - padding_h + t * dilation_h (alike for columns). */
  int32_t stride_h;
  int32_t stride_w;
  int32_t padding_h;
  int32_t padding_w;
  int32_t dilation_h;
  int32_t dilation_w;
  int32_t in_strides[4];  /* n, c, h, w */
  int32_t out_strides[4]; /* n, c, h, w */
  /* Three entries per output row: first tap, end tap (the taps inside the input) and the height
   * the window counts for an average; alike per output column. */
  const int32_t *rows;
  const int32_t *cols;
} etb_pool2d_plan;

#endif /* ETB_POOL_H */
