/* aten::gt.Tensor_out, aten::gt.Scalar_out. */
#include "op_gt.h"

#define ETB_DEFINE_GT_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_gt_tensor_out_##KEY, A_T, B_T, OUT_T, C_T, 0, x > y)
#ifdef ETB_VARIANTS_etb_op_gt_tensor_out
ETB_VARIANTS_etb_op_gt_tensor_out(ETB_DEFINE_GT_TENSOR_OUT)
#endif

#define ETB_DEFINE_GT_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_gt_scalar_out_##KEY, A_T, OUT_T, C_T, 0, x > y)
#ifdef ETB_VARIANTS_etb_op_gt_scalar_out
ETB_VARIANTS_etb_op_gt_scalar_out(ETB_DEFINE_GT_SCALAR_OUT)
#endif
