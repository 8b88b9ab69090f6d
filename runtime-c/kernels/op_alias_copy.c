/* aten::alias_copy.out */
#include "op_alias_copy.h"

#define ETB_DEFINE_ALIAS_COPY_OUT(KEY, IN_T, OUT_T) ETB_DEFINE_CONVERT_COPY(etb_op_alias_copy_out_##KEY, IN_T, OUT_T)
#ifdef ETB_VARIANTS_etb_op_alias_copy_out
ETB_VARIANTS_etb_op_alias_copy_out(ETB_DEFINE_ALIAS_COPY_OUT)
#endif
