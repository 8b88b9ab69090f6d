/* aten::mul.out, aten::mul.Scalar_out. */
#include "op_mul.h"

#define ETB_DEFINE_MUL_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_mul_out_##KEY, A_T, B_T, OUT_T, C_T, 0, ETB_MUL(x, y))
#ifdef ETB_VARIANTS_etb_op_mul_out
ETB_VARIANTS_etb_op_mul_out(ETB_DEFINE_MUL_OUT)
#endif

#define ETB_DEFINE_MUL_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_mul_scalar_out_##KEY, A_T, OUT_T, C_T, 0, ETB_MUL(x, y))
#ifdef ETB_VARIANTS_etb_op_mul_scalar_out
ETB_VARIANTS_etb_op_mul_scalar_out(ETB_DEFINE_MUL_SCALAR_OUT)
#endif
