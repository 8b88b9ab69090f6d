/* aten::gather.out (see op_gather.h). */
#include "op_gather.h"

#define ETB_DEFINE_GATHER_OUT(KEY, SIZE)                                                   \
  ETB_GATHER_OUT_SIGNATURE(KEY) {                                                          \
    const uint8_t *src = (const uint8_t *)self->data;                                      \
    const int64_t *idx = (const int64_t *)index->data;                                     \
    uint8_t *dst = (uint8_t *)out->data;                                                   \
    ETB_FOR_EACH_ELEMENT(plan->iter, 3, off, {                                             \
      const int64_t at = etb_index_offset(idx[off[2]], plan->dim_sizes[0], plan->dim_strides[0], false); \
      if (at < 0) return ETB_INDEX_OUT_OF_RANGE;                                           \
      memcpy(dst + (size_t)off[0] * (SIZE), src + ((size_t)off[1] + (size_t)at) * (SIZE), (SIZE)); \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_gather_out
ETB_VARIANTS_etb_op_gather_out(ETB_DEFINE_GATHER_OUT)
#endif
