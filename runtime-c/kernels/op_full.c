/* aten::full.out */
#include "op_full.h"

#define ETB_DEFINE_FULL_OUT(KEY, T) ETB_DEFINE_FILL(etb_op_full_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_full_out
ETB_VARIANTS_etb_op_full_out(ETB_DEFINE_FULL_OUT)
#endif
