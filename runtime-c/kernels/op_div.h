/* aten::div.out, div.out_mode, div.Scalar_out and div.Scalar_mode_out. True division computes in
 * float (double when an operand is double), whatever the operands' dtypes. With rounding mode
 * "trunc" or "floor" the quotient is rounded in the promoted dtype; integer division by zero
 * then fails with ETB_INVALID_ARGUMENT. The generator picks the family from the mode. */
#ifndef ETB_OP_DIV_H
#define ETB_OP_DIV_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_DIV_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_div_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_div_out
ETB_VARIANTS_etb_op_div_out(ETB_DECLARE_DIV_OUT)
#endif

#define ETB_DECLARE_DIV_TRUNC_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_div_trunc_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_div_trunc_out
ETB_VARIANTS_etb_op_div_trunc_out(ETB_DECLARE_DIV_TRUNC_OUT)
#endif

#define ETB_DECLARE_DIV_FLOOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_div_floor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_div_floor_out
ETB_VARIANTS_etb_op_div_floor_out(ETB_DECLARE_DIV_FLOOR_OUT)
#endif

#define ETB_DECLARE_DIV_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_div_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_div_scalar_out
ETB_VARIANTS_etb_op_div_scalar_out(ETB_DECLARE_DIV_SCALAR_OUT)
#endif

#define ETB_DECLARE_DIV_SCALAR_TRUNC_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_div_scalar_trunc_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_div_scalar_trunc_out
ETB_VARIANTS_etb_op_div_scalar_trunc_out(ETB_DECLARE_DIV_SCALAR_TRUNC_OUT)
#endif

#define ETB_DECLARE_DIV_SCALAR_FLOOR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_div_scalar_floor_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_div_scalar_floor_out
ETB_VARIANTS_etb_op_div_scalar_floor_out(ETB_DECLARE_DIV_SCALAR_FLOOR_OUT)
#endif

#endif /* ETB_OP_DIV_H */
