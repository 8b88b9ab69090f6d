/* aten::pow.Tensor_Tensor_out, aten::pow.Tensor_Scalar_out, aten::pow.Scalar_out. */
#include "op_pow.h"

#define ETB_DEFINE_POW_TENSOR_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DEFINE_BINARY_KERNEL(etb_op_pow_tensor_tensor_out_##KEY, A_T, B_T, OUT_T, C_T, \
                           0, ETB_POW(x, y))
#ifdef ETB_VARIANTS_etb_op_pow_tensor_tensor_out
ETB_VARIANTS_etb_op_pow_tensor_tensor_out(ETB_DEFINE_POW_TENSOR_TENSOR_OUT)
#endif

#define ETB_DEFINE_POW_TENSOR_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_pow_tensor_scalar_out_##KEY, A_T, OUT_T, C_T, \
                                  0, ETB_POW(x, y))
#ifdef ETB_VARIANTS_etb_op_pow_tensor_scalar_out
ETB_VARIANTS_etb_op_pow_tensor_scalar_out(ETB_DEFINE_POW_TENSOR_SCALAR_OUT)
#endif

#define ETB_DEFINE_POW_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DEFINE_TENSOR_SCALAR_KERNEL(etb_op_pow_scalar_out_##KEY, A_T, OUT_T, C_T, 0, ETB_POW(y, x))
#ifdef ETB_VARIANTS_etb_op_pow_scalar_out
ETB_VARIANTS_etb_op_pow_scalar_out(ETB_DEFINE_POW_SCALAR_OUT)
#endif
