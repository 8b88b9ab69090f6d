/* aten::index_select.out (see op_index_select.h). */
#include "op_index_select.h"

#define ETB_DEFINE_INDEX_SELECT_OUT(KEY, SIZE, INDEX_T)                                    \
  ETB_INDEX_SELECT_OUT_SIGNATURE(KEY) {                                                    \
    const uint8_t *src = (const uint8_t *)self->data;                                      \
    const INDEX_T *idx = (const INDEX_T *)index->data;                                     \
    uint8_t *dst = (uint8_t *)out->data;                                                   \
    ETB_FOR_EACH_ELEMENT(plan->iter, 3, off, {                                             \
      const int64_t at = etb_index_offset(idx[off[2]], plan->dim_sizes[0], plan->dim_strides[0], false); \
      if (at < 0) return ETB_INDEX_OUT_OF_RANGE;                                           \
      memcpy(dst + (size_t)off[0] * (SIZE), src + ((size_t)off[1] + (size_t)at) * (SIZE), (SIZE)); \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_index_select_out
ETB_VARIANTS_etb_op_index_select_out(ETB_DEFINE_INDEX_SELECT_OUT)
#endif
