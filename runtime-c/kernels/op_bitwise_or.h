/* aten::bitwise_or.Tensor_out and aten::bitwise_or.Scalar_out: out = self | other in the
 * promoted integer (or bool) dtype. */
#ifndef ETB_OP_BITWISE_OR_H
#define ETB_OP_BITWISE_OR_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_BITWISE_OR_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_bitwise_or_tensor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_bitwise_or_tensor_out
ETB_VARIANTS_etb_op_bitwise_or_tensor_out(ETB_DECLARE_BITWISE_OR_TENSOR_OUT)
#endif

#define ETB_DECLARE_BITWISE_OR_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_bitwise_or_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_bitwise_or_scalar_out
ETB_VARIANTS_etb_op_bitwise_or_scalar_out(ETB_DECLARE_BITWISE_OR_SCALAR_OUT)
#endif

#endif /* ETB_OP_BITWISE_OR_H */
