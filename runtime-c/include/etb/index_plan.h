/* Copies that follow index tensors read at run time (gather, scatter, index_select, index.Tensor),
 * over a build-time plan (see src/codegen/lowering/indexing.ts).
 *
 * The plan iterates over the index-shaped side of the operation with ETB_FOR_EACH_ELEMENT:
 * operand 0 is the destination, operand 1 the source and operands 2.. the index tensors, as
 * element strides along each iterated dimension. The tensor being indexed (the source of a
 * gather, the destination of a scatter) has stride 0 along the dimensions its indices replace;
 * each index value then adds value * dim_strides[k] to its offset, once checked against
 * dim_sizes[k]. An index outside the tensor is ETB_INDEX_OUT_OF_RANGE, never a stray access. */
#ifndef ETB_INDEX_PLAN_H
#define ETB_INDEX_PLAN_H

#include "etb/kernel.h"

#define ETB_MAX_INDEX_TENSORS (ETB_MAX_OPERANDS - 2)

typedef struct etb_index_plan {
  const etb_broadcast *iter;                  /* operand 0: destination, 1: source, 2..: indices */
  int32_t count;                              /* number of index tensors */
  int32_t dim_sizes[ETB_MAX_INDEX_TENSORS];   /* size of the dimension index tensor k selects along */
  int32_t dim_strides[ETB_MAX_INDEX_TENSORS]; /* element stride of that dimension */
} etb_index_plan;

/* The element offset an index value selects along a dimension of `size` elements `stride` apart,
 * or -1 when it lies outside the dimension. Negative values count from the end only when
 * `from_end` (advanced indexing); gather, scatter and index_select reject them. */
static inline int64_t etb_index_offset(int64_t value, int32_t size, int32_t stride, bool from_end) {
  if (from_end && value < 0) value += size;
  if (value < 0 || value >= size) return -1;
  return value * stride;
}

#endif /* ETB_INDEX_PLAN_H */
