/* aten::fmod.Tensor_out and aten::fmod.Scalar_out: C's fmod (the result takes the dividend's sign),
 * computed in float for float32 operands and in double otherwise. */
#ifndef ETB_OP_FMOD_H
#define ETB_OP_FMOD_H
#include "etb/kernel.h"
#include "etb/binary.h"

#define ETB_DECLARE_FMOD_TENSOR_OUT(KEY, A_T, B_T, OUT_T, C_T) \
  ETB_DECLARE_BINARY_KERNEL(etb_op_fmod_tensor_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_fmod_tensor_out
ETB_VARIANTS_etb_op_fmod_tensor_out(ETB_DECLARE_FMOD_TENSOR_OUT)
#endif

#define ETB_DECLARE_FMOD_SCALAR_OUT(KEY, A_T, OUT_T, C_T) \
  ETB_DECLARE_TENSOR_SCALAR_KERNEL(etb_op_fmod_scalar_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_fmod_scalar_out
ETB_VARIANTS_etb_op_fmod_scalar_out(ETB_DECLARE_FMOD_SCALAR_OUT)
#endif

#endif /* ETB_OP_FMOD_H */
