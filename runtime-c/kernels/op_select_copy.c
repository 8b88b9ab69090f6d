/* aten::select_copy.int_out (see op_select_copy.h). */
#include "op_select_copy.h"

#define ETB_DEFINE_SELECT_COPY_INT_OUT(KEY, SIZE) ETB_DEFINE_STRIDED_COPY_KERNEL(etb_op_select_copy_int_out_##KEY, SIZE)
#ifdef ETB_VARIANTS_etb_op_select_copy_int_out
ETB_VARIANTS_etb_op_select_copy_int_out(ETB_DEFINE_SELECT_COPY_INT_OUT)
#endif
