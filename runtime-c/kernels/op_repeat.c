/* aten::repeat.out (see op_repeat.h). */
#include "op_repeat.h"

#define ETB_DEFINE_REPEAT_OUT(KEY, SIZE) ETB_DEFINE_STRIDED_COPY_KERNEL(etb_op_repeat_out_##KEY, SIZE)
#ifdef ETB_VARIANTS_etb_op_repeat_out
ETB_VARIANTS_etb_op_repeat_out(ETB_DEFINE_REPEAT_OUT)
#endif
