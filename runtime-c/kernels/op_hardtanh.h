/* aten::hardtanh.out: clamp(x, min_val, max_val) for every element, in self's dtype (relu6 is
 * hardtanh(x, 0, 6)). The bounds are converted to that dtype at build time. */
#ifndef ETB_OP_HARDTANH_H
#define ETB_OP_HARDTANH_H
#include "etb/unary.h"

#define ETB_DECLARE_HARDTANH_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DECLARE_CLAMP_SCALAR(etb_op_hardtanh_out_##KEY, C_T)
#ifdef ETB_VARIANTS_etb_op_hardtanh_out
ETB_VARIANTS_etb_op_hardtanh_out(ETB_DECLARE_HARDTANH_OUT)
#endif

#endif
