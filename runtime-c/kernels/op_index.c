/* aten::index.Tensor_out (see op_index.h). */
#include "op_index.h"

#define ETB_DEFINE_INDEX_TENSOR_OUT(KEY, SIZE, INDEX_T)                                    \
  ETB_INDEX_TENSOR_OUT_SIGNATURE(KEY) {                                                    \
    const uint8_t *src = (const uint8_t *)self->data;                                      \
    uint8_t *dst = (uint8_t *)out->data;                                                   \
    ETB_FOR_EACH_ELEMENT(plan->iter, 2 + plan->count, off, {                               \
      int64_t at = off[1];                                                                 \
      for (int32_t k = 0; k < plan->count; k++) {                                          \
        const INDEX_T value = ((const INDEX_T *)indices[k]->data)[off[2 + k]];             \
        const int64_t step = etb_index_offset(value, plan->dim_sizes[k], plan->dim_strides[k], true); \
        if (step < 0) return ETB_INDEX_OUT_OF_RANGE;                                       \
        at += step;                                                                        \
      }                                                                                    \
      memcpy(dst + (size_t)off[0] * (SIZE), src + (size_t)at * (SIZE), (SIZE));           \
    });                                                                                    \
    return ETB_OK;                                                                         \
  }
#ifdef ETB_VARIANTS_etb_op_index_tensor_out
ETB_VARIANTS_etb_op_index_tensor_out(ETB_DEFINE_INDEX_TENSOR_OUT)
#endif
