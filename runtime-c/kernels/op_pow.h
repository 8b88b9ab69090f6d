/* aten::pow.Tensor_Tensor_out, pow.Tensor_Scalar_out and pow.Scalar_out: self ** exponent, computed
 * with powf for float32 and pow (double) for every other dtype. pow.Scalar_out has a scalar
 * base: its kernel takes the exponent tensor first and the base as the scalar. */
#ifndef ETB_OP_POW_H
#define ETB_OP_POW_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_POW_TENSOR_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_pow_tensor_tensor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_pow_tensor_tensor_out
ETB_VARIANTS_etb_op_pow_tensor_tensor_out(ETB_DECLARE_POW_TENSOR_TENSOR_OUT)
#endif

#define ETB_DECLARE_POW_TENSOR_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_pow_tensor_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_pow_tensor_scalar_out
ETB_VARIANTS_etb_op_pow_tensor_scalar_out(ETB_DECLARE_POW_TENSOR_SCALAR_OUT)
#endif

#define ETB_DECLARE_POW_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_pow_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_pow_scalar_out
ETB_VARIANTS_etb_op_pow_scalar_out(ETB_DECLARE_POW_SCALAR_OUT)
#endif

#endif /* ETB_OP_POW_H */
