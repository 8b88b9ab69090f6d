/* aten::remainder.Tensor_out and aten::remainder.Scalar_out: self - floor(self / other) * other for
 * floats (the result takes the divisor's sign); C's % for integers, as the reference runtime
 * computes it. Integer division by zero fails with ETB_INVALID_ARGUMENT. */
#ifndef ETB_OP_REMAINDER_H
#define ETB_OP_REMAINDER_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_REMAINDER_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_remainder_tensor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_remainder_tensor_out
ETB_VARIANTS_etb_op_remainder_tensor_out(ETB_DECLARE_REMAINDER_TENSOR_OUT)
#endif

#define ETB_DECLARE_REMAINDER_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_remainder_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_remainder_scalar_out
ETB_VARIANTS_etb_op_remainder_scalar_out(ETB_DECLARE_REMAINDER_SCALAR_OUT)
#endif

#endif /* ETB_OP_REMAINDER_H */
