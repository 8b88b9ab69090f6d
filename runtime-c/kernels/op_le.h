/* aten::le.Tensor_out and aten::le.Scalar_out: out = (self <= other), compared in the promoted
 * dtype; out may have any dtype (true becomes 1). */
#ifndef ETB_OP_LE_H
#define ETB_OP_LE_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_LE_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_le_tensor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_le_tensor_out
ETB_VARIANTS_etb_op_le_tensor_out(ETB_DECLARE_LE_TENSOR_OUT)
#endif

#define ETB_DECLARE_LE_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_le_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_le_scalar_out
ETB_VARIANTS_etb_op_le_scalar_out(ETB_DECLARE_LE_SCALAR_OUT)
#endif

#endif /* ETB_OP_LE_H */
