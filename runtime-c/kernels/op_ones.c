/* aten::ones.out */
#include "op_ones.h"

#define ETB_DEFINE_ONES_OUT(KEY, T) ETB_DEFINE_FILL(etb_op_ones_out_##KEY, T)
#ifdef ETB_VARIANTS_etb_op_ones_out
ETB_VARIANTS_etb_op_ones_out(ETB_DEFINE_ONES_OUT)
#endif
