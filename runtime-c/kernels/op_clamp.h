/* aten::clamp.out and aten::clamp.Tensor_out: min(max(x, min), max) for every element, either
 * bound optional, computed in the promoted dtype of self and the bounds and converted to out's.
 *
 * clamp.out takes Scalar bounds, converted to the compute dtype at build time (a missing bound
 * becomes the dtype's lowest / highest value, which leaves every element as it is).
 * clamp.Tensor_out takes tensor bounds that broadcast against self; a missing bound is flagged
 * and its tensor pointer is self's (never read). */
#ifndef ETB_OP_CLAMP_H
#define ETB_OP_CLAMP_H
#include "etb/unary.h"

#define ETB_DECLARE_CLAMP_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DECLARE_CLAMP_SCALAR(etb_op_clamp_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_clamp_out
ETB_VARIANTS_etb_op_clamp_out(ETB_DECLARE_CLAMP_OUT)
#endif

#define ETB_DECLARE_CLAMP_TENSOR_OUT(KEY, IN_T, MIN_T, MAX_T, OUT_T, C_T)                      \
  ETB_NODISCARD etb_status etb_op_clamp_tensor_out_##KEY(                                      \
      const etb_tensor *self, const etb_tensor *min, const etb_tensor *max, bool has_min,      \
      bool has_max, const etb_tensor *out, const etb_broadcast *plan);
#ifdef ETB_VARIANTS_etb_op_clamp_tensor_out
ETB_VARIANTS_etb_op_clamp_tensor_out(ETB_DECLARE_CLAMP_TENSOR_OUT)
#endif

#endif
