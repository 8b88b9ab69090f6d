/* aten::bitwise_xor.Tensor_out and aten::bitwise_xor.Scalar_out: out = self ^ other in the
 * promoted integer (or bool) dtype. */
#ifndef ETB_OP_BITWISE_XOR_H
#define ETB_OP_BITWISE_XOR_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_BITWISE_XOR_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_bitwise_xor_tensor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_bitwise_xor_tensor_out
ETB_VARIANTS_etb_op_bitwise_xor_tensor_out(ETB_DECLARE_BITWISE_XOR_TENSOR_OUT)
#endif

#define ETB_DECLARE_BITWISE_XOR_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_bitwise_xor_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_bitwise_xor_scalar_out
ETB_VARIANTS_etb_op_bitwise_xor_scalar_out(ETB_DECLARE_BITWISE_XOR_SCALAR_OUT)
#endif

#endif /* ETB_OP_BITWISE_XOR_H */
