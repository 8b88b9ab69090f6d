/* aten::scatter.value_out, aten::scatter.src_out (see op_scatter.h). */
#include "op_scatter.h"

#define ETB_DEFINE_SCATTER_VALUE_OUT(KEY, T)                                               \
  ETB_SCATTER_VALUE_OUT_SIGNATURE(KEY, T) {                                                \
    const int64_t *idx = (const int64_t *)index->data;                                     \
    T *dst = (T *)out->data;                                                               \
    const etb_status copied = etb_copy_bytes(self, out);                                   \
    if (copied != ETB_OK) return copied;                                                   \
    ETB_FOR_EACH_ELEMENT(plan->iter, 3, off, {                                             \
      const int64_t at = etb_index_offset(idx[off[2]], plan->dim_sizes[0], plan->dim_strides[0], false); \
      if (at < 0) return ETB_INDEX_OUT_OF_RANGE;                                           \
      dst[(size_t)off[0] + (size_t)at] = value;                                            \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_scatter_value_out
ETB_VARIANTS_etb_op_scatter_value_out(ETB_DEFINE_SCATTER_VALUE_OUT)
#endif

#define ETB_DEFINE_SCATTER_SRC_OUT(KEY, SIZE)                                              \
  ETB_SCATTER_SRC_OUT_SIGNATURE(KEY) {                                                     \
    const int64_t *idx = (const int64_t *)index->data;                                     \
    const uint8_t *from = (const uint8_t *)src->data;                                      \
    uint8_t *dst = (uint8_t *)out->data;                                                   \
    const etb_status copied = etb_copy_bytes(self, out);                                   \
    if (copied != ETB_OK) return copied;                                                   \
    ETB_FOR_EACH_ELEMENT(plan->iter, 3, off, {                                             \
      const int64_t at = etb_index_offset(idx[off[2]], plan->dim_sizes[0], plan->dim_strides[0], false); \
      if (at < 0) return ETB_INDEX_OUT_OF_RANGE;                                           \
      memcpy(dst + ((size_t)off[0] + (size_t)at) * (SIZE), from + (size_t)off[1] * (SIZE), (SIZE)); \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_scatter_src_out
ETB_VARIANTS_etb_op_scatter_src_out(ETB_DEFINE_SCATTER_SRC_OUT)
#endif
