/* aten::constant_pad_nd.out: self surrounded by `value`, pad = [before, after] pairs starting at
 * the last dimension. out is filled with value, then self is copied into its interior through a
 * copy plan whose destination offset skips the leading padding. */
#ifndef ETB_OP_CONSTANT_PAD_ND_H
#define ETB_OP_CONSTANT_PAD_ND_H
#include "etb/strided_copy.h"

#define ETB_CONSTANT_PAD_ND_OUT_SIGNATURE(KEY, T)                                            \
  etb_status etb_op_constant_pad_nd_out_##KEY(const etb_tensor *self, T value,               \
                                              const etb_tensor *out, const etb_copy_plan *plan)

#define ETB_DECLARE_CONSTANT_PAD_ND_OUT(KEY, T) ETB_NODISCARD ETB_CONSTANT_PAD_ND_OUT_SIGNATURE(KEY, T);
#ifdef ETB_VARIANTS_etb_op_constant_pad_nd_out
ETB_VARIANTS_etb_op_constant_pad_nd_out(ETB_DECLARE_CONSTANT_PAD_ND_OUT)
#endif

#endif
