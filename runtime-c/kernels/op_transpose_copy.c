/* aten::transpose_copy.int_out (see op_transpose_copy.h). */
#include "op_transpose_copy.h"

#define ETB_DEFINE_TRANSPOSE_COPY_INT_OUT(KEY, SIZE) ETB_DEFINE_STRIDED_COPY_KERNEL(etb_op_transpose_copy_int_out_##KEY, SIZE)
#ifdef ETB_VARIANTS_etb_op_transpose_copy_int_out
ETB_VARIANTS_etb_op_transpose_copy_int_out(ETB_DEFINE_TRANSPOSE_COPY_INT_OUT)
#endif
