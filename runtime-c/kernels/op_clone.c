/* aten::clone.out */
#include "op_clone.h"

#define ETB_DEFINE_CLONE_OUT(KEY, IN_T, OUT_T) ETB_DEFINE_CONVERT_COPY(etb_op_clone_out_##KEY, IN_T, OUT_T)
#ifdef ETB_VARIANTS_etb_op_clone_out
ETB_VARIANTS_etb_op_clone_out(ETB_DEFINE_CLONE_OUT)
#endif
