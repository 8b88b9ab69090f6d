/* Data movement through a build-time plan (see src/codegen/lowering/shape.ts).
 *
 * Shape operators (permute, transpose, expand, slice, select, cat, split, pad, repeat...) move
 * elements without looking at their values. At build time every such operator becomes one or more
 * copy plans: an iteration space (an etb_broadcast whose operand 0 is the destination and operand 1
 * the source, both as element strides along each iterated dimension) and the element offsets of
 * the first destination and source element. A permute is a plan whose source strides are the
 * input's strides in permuted order, a slice one whose source offset is `start` and whose stride
 * is multiplied by `step`, an expand one with source stride 0 along broadcast dimensions, a cat one
 * plan per input with the destination offset of its block, and so on.
 *
 * Kernels are instantiated per element size (1, 2, 4 or 8 bytes): copying does not depend on
 * the dtype, and a constant size lets every element copy compile to one load and one store. */
#ifndef ETB_STRIDED_COPY_H
#define ETB_STRIDED_COPY_H

#include "etb/kernel.h"

typedef struct etb_copy_plan {
  const etb_broadcast *iter; /* operand 0: destination, operand 1: source */
  int32_t dst_offset;        /* element offset of the first destination element */
  int32_t src_offset;        /* element offset of the first source element */
} etb_copy_plan;

/* Copies SIZE-byte elements from SRC to DST as PLAN says. A plan that is one contiguous run is a
 * single memmove (nothing at all when the memory planner put both at the same address). memcpy of
 * a constant size keeps the element copies free of strict-aliasing assumptions. */
#define ETB_COPY_ELEMENTS(SIZE, DST, SRC, PLAN)                                              \
  do {                                                                                       \
    const etb_copy_plan *etb_cp_ = (PLAN);                                                   \
    uint8_t *etb_dst_ = (uint8_t *)(DST) + (size_t)etb_cp_->dst_offset * (SIZE);             \
    const uint8_t *etb_src_ = (const uint8_t *)(SRC) + (size_t)etb_cp_->src_offset * (SIZE); \
    if (etb_cp_->iter->contiguous) {                                                         \
      if (etb_dst_ != etb_src_) memmove(etb_dst_, etb_src_, (size_t)etb_cp_->iter->sizes[0] * (SIZE)); \
      break;                                                                                 \
    }                                                                                        \
    ETB_FOR_EACH_ELEMENT(etb_cp_->iter, 2, etb_off_, {                                       \
      memcpy(etb_dst_ + (size_t)etb_off_[0] * (SIZE), etb_src_ + (size_t)etb_off_[1] * (SIZE), (SIZE)); \
    });                                                                                      \
  } while (0)

/* Single-input, single-output copy kernels share one signature and one body. */
#define ETB_STRIDED_COPY_KERNEL(FN) \
  etb_status FN(const etb_tensor *self, const etb_tensor *out, const etb_copy_plan *plan)

#define ETB_DECLARE_STRIDED_COPY_KERNEL(FN) ETB_NODISCARD ETB_STRIDED_COPY_KERNEL(FN);

#define ETB_DEFINE_STRIDED_COPY_KERNEL(FN, SIZE)        \
  ETB_STRIDED_COPY_KERNEL(FN) {                         \
    ETB_COPY_ELEMENTS(SIZE, out->data, self->data, plan); \
    return ETB_OK;                                      \
  }

/* Kernels that copy one source into several outputs (split, unbind), one plan per output. */
#define ETB_SPLIT_COPY_KERNEL(FN)                                                   \
  etb_status FN(const etb_tensor *self, const etb_tensor *const *outs, const etb_copy_plan *plans, \
                int32_t count)

#define ETB_DECLARE_SPLIT_COPY_KERNEL(FN) ETB_NODISCARD ETB_SPLIT_COPY_KERNEL(FN);

#define ETB_DEFINE_SPLIT_COPY_KERNEL(FN, SIZE)                                     \
  ETB_SPLIT_COPY_KERNEL(FN) {                                                      \
    for (int32_t k = 0; k < count; k++) ETB_COPY_ELEMENTS(SIZE, outs[k]->data, self->data, &plans[k]); \
    return ETB_OK;                                                                 \
  }

#endif /* ETB_STRIDED_COPY_H */
