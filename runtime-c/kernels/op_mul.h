/* aten::mul.out and aten::mul.Scalar_out: out = self * other in the promoted (compute) dtype;
 * int32/int64 products wrap around. */
#ifndef ETB_OP_MUL_H
#define ETB_OP_MUL_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_MUL_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_mul_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_mul_out
ETB_VARIANTS_etb_op_mul_out(ETB_DECLARE_MUL_OUT)
#endif

#define ETB_DECLARE_MUL_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_mul_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_mul_scalar_out
ETB_VARIANTS_etb_op_mul_scalar_out(ETB_DECLARE_MUL_SCALAR_OUT)
#endif

#endif /* ETB_OP_MUL_H */
