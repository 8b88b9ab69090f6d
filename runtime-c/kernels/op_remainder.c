/* aten::remainder.Tensor_out, aten::remainder.Scalar_out. */
#include "op_remainder.h"

#define ETB_DEFINE_REMAINDER_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_remainder_tensor_out_##KEY, A_T, B_T, OUT_T, C_T, \
                           ETB_IS_INTEGER(x) && y == 0, ETB_REMAINDER(x, y))
#ifdef ETB_VARIANTS_etb_op_remainder_tensor_out
ETB_VARIANTS_etb_op_remainder_tensor_out(ETB_DEFINE_REMAINDER_TENSOR_OUT)
#endif

#define ETB_DEFINE_REMAINDER_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_remainder_scalar_out_##KEY, A_T, OUT_T, C_T, \
                                  ETB_IS_INTEGER(x) && y == 0, ETB_REMAINDER(x, y))
#ifdef ETB_VARIANTS_etb_op_remainder_scalar_out
ETB_VARIANTS_etb_op_remainder_scalar_out(ETB_DEFINE_REMAINDER_SCALAR_OUT)
#endif
