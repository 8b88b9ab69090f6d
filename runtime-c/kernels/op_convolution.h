/* aten::convolution.out, 1-D and 2-D (a 1-D convolution is planned as a 2-D one of height 1),
 * grouped or not, plain or transposed, on contiguous or channels-last tensors. */
#ifndef ETB_OP_CONVOLUTION_H
#define ETB_OP_CONVOLUTION_H
#include "etb/kernel.h"

typedef struct etb_conv2d_plan {
  int32_t batch;
  int32_t groups;
  int32_t in_channels;  /* per group */
  int32_t out_channels; /* per group */
  int32_t in_h;
  int32_t in_w;
  int32_t out_h;
  int32_t out_w;
  /* Input row = output row * stride_h - padding_h + kernel row * dilation_h (alike for columns);
   * a transposed convolution swaps the roles of input and output in this formula. */
  int32_t stride_h;
  int32_t stride_w;
  int32_t padding_h;
  int32_t padding_w;
  int32_t dilation_h;
  int32_t dilation_w;
  int32_t in_strides[4];     /* n, c, h, w */
  int32_t weight_strides[4]; /* plain: out channel, in channel, h, w; transposed: in, out, h, w */
  int32_t out_strides[4];    /* n, c, h, w */
  /* Per output row (per input row when transposed): the first and the end kernel row whose
   * partner row lies inside its tensor; alike per column. */
  const int32_t *rows;
  const int32_t *cols;
} etb_conv2d_plan;

/* X(KEY, T, ACC_T, BIAS_T): ACC_T is T for floats, the unsigned type of T's width (at least 32
 * bits) for integers; BIAS_T the bias dtype (converted to T as the portable kernel loads it). */
#define ETB_DECLARE_CONVOLUTION_OUT(KEY, T, ACC_T, BIAS_T)                                 \
  ETB_NODISCARD etb_status etb_op_convolution_out_##KEY(                                   \
      const etb_tensor *input, const etb_tensor *weight, const etb_tensor *bias,           \
      const etb_tensor *out, const etb_conv2d_plan *plan);
#ifdef ETB_VARIANTS_etb_op_convolution_out
ETB_VARIANTS_etb_op_convolution_out(ETB_DECLARE_CONVOLUTION_OUT)
#endif

#define ETB_DECLARE_CONVOLUTION_TRANSPOSED_OUT(KEY, T, ACC_T, BIAS_T)                      \
  ETB_NODISCARD etb_status etb_op_convolution_transposed_out_##KEY(                        \
      const etb_tensor *input, const etb_tensor *weight, const etb_tensor *bias,           \
      const etb_tensor *out, const etb_conv2d_plan *plan);
#ifdef ETB_VARIANTS_etb_op_convolution_transposed_out
ETB_VARIANTS_etb_op_convolution_transposed_out(ETB_DECLARE_CONVOLUTION_TRANSPOSED_OUT)
#endif

#endif
