/* aten::hardtanh.out */
#include "op_hardtanh.h"

#define ETB_DEFINE_HARDTANH_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_CLAMP_SCALAR(etb_op_hardtanh_out_##KEY, IN_T, OUT_T, C_T)
#ifdef ETB_VARIANTS_etb_op_hardtanh_out
ETB_VARIANTS_etb_op_hardtanh_out(ETB_DEFINE_HARDTANH_OUT)
#endif
