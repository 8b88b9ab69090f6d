/* aten::expand_copy.out (see op_expand_copy.h). */
#include "op_expand_copy.h"

#define ETB_DEFINE_EXPAND_COPY_OUT(KEY, SIZE) ETB_DEFINE_STRIDED_COPY_KERNEL(etb_op_expand_copy_out_##KEY, SIZE)
#ifdef ETB_VARIANTS_etb_op_expand_copy_out
ETB_VARIANTS_etb_op_expand_copy_out(ETB_DEFINE_EXPAND_COPY_OUT)
#endif
