/* aten::log.out */
#include "op_log.h"

#define ETB_DEFINE_LOG_OUT(KEY, IN_T, OUT_T, C_T) \
  ETB_DEFINE_UNARY_MAP(etb_op_log_out_##KEY, IN_T, OUT_T, C_T, ETB_LIBM(log, x))
#ifdef ETB_VARIANTS_etb_op_log_out
ETB_VARIANTS_etb_op_log_out(ETB_DEFINE_LOG_OUT)
#endif
