/* aten::ne.Tensor_out, aten::ne.Scalar_out. */
#include "op_ne.h"

#define ETB_DEFINE_NE_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_ne_tensor_out_##KEY, A_T, B_T, OUT_T, C_T, 0, x != y)
#ifdef ETB_VARIANTS_etb_op_ne_tensor_out
ETB_VARIANTS_etb_op_ne_tensor_out(ETB_DEFINE_NE_TENSOR_OUT)
#endif

#define ETB_DEFINE_NE_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_ne_scalar_out_##KEY, A_T, OUT_T, C_T, 0, x != y)
#ifdef ETB_VARIANTS_etb_op_ne_scalar_out
ETB_VARIANTS_etb_op_ne_scalar_out(ETB_DEFINE_NE_SCALAR_OUT)
#endif
