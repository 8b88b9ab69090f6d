/* aten::repeat.out: self tiled repeats[d] times along every dimension (leading repeats add
 * dimensions). The plan splits every output dimension into (repeat, self) parts, the repeat part
 * reading self with stride 0. */
#ifndef ETB_OP_REPEAT_H
#define ETB_OP_REPEAT_H
#include "etb/strided_copy.h"

#define ETB_DECLARE_REPEAT_OUT(KEY, SIZE) ETB_DECLARE_STRIDED_COPY_KERNEL(etb_op_repeat_out_##KEY)
#ifdef ETB_VARIANTS_etb_op_repeat_out
ETB_VARIANTS_etb_op_repeat_out(ETB_DECLARE_REPEAT_OUT)
#endif

#endif
