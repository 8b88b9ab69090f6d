/* aten::_to_copy.out */
#include "op__to_copy.h"

#define ETB_DEFINE__TO_COPY_OUT(KEY, IN_T, OUT_T) ETB_DEFINE_CONVERT_COPY(etb_op__to_copy_out_##KEY, IN_T, OUT_T)
#ifdef ETB_VARIANTS_etb_op__to_copy_out
ETB_VARIANTS_etb_op__to_copy_out(ETB_DEFINE__TO_COPY_OUT)
#endif
