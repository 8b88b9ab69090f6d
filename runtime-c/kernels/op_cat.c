/* aten::cat.out (see op_cat.h). */
#include "op_cat.h"

#define ETB_DEFINE_CAT_OUT(KEY, SIZE)                                                        \
  ETB_CAT_OUT_SIGNATURE(KEY) {                                                               \
    for (int32_t k = 0; k < count; k++) ETB_COPY_ELEMENTS(SIZE, out->data, tensors[k]->data, &plans[k]); \
    return ETB_OK;                                                                           \
  }
#ifdef ETB_VARIANTS_etb_op_cat_out
ETB_VARIANTS_etb_op_cat_out(ETB_DEFINE_CAT_OUT)
#endif
