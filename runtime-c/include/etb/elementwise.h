/* Elementwise iteration over a build-time plan (see src/codegen/lowering/broadcast.ts): the
 * output's shape with adjacent contiguous dimensions merged, and each operand's element strides
 * along it (0 where the operand is broadcast). Operand 0 is the output. */
#ifndef ETB_ELEMENTWISE_H
#define ETB_ELEMENTWISE_H

#include "etb/etb.h"

#define ETB_MAX_OPERANDS 4

typedef struct etb_broadcast {
  int32_t ndim;
  int32_t contiguous; /* one dimension, every operand stride 1: a plain loop */
  const int32_t *sizes;
  const int32_t *strides[ETB_MAX_OPERANDS];
} etb_broadcast;

/* Runs BODY once per output element with OFF[k] the element offset of operand k. */
#define ETB_FOR_EACH_ELEMENT(PLAN, NOPS, OFF, BODY)                                       \
  do {                                                                                     \
    const etb_broadcast *etb_p_ = (PLAN);                                                  \
    int32_t OFF[ETB_MAX_OPERANDS] = {0, 0, 0, 0};                                          \
    int32_t etb_total_ = 1;                                                                \
    for (int32_t etb_d_ = 0; etb_d_ < etb_p_->ndim; etb_d_++) etb_total_ *= etb_p_->sizes[etb_d_]; \
    if (etb_total_ == 0) break;                                                            \
    if (etb_p_->contiguous) {                                                              \
      for (int32_t etb_i_ = 0; etb_i_ < etb_total_; etb_i_++) {                            \
        for (int etb_o_ = 0; etb_o_ < (NOPS); etb_o_++) OFF[etb_o_] = etb_i_;              \
        BODY                                                                               \
      }                                                                                    \
      break;                                                                               \
    }                                                                                      \
    int32_t etb_ctr_[ETB_MAX_DIM] = {0};                                                   \
    const int32_t etb_in_ = etb_p_->ndim - 1;                                              \
    for (;;) {                                                                             \
      for (int32_t etb_k_ = 0; etb_k_ < etb_p_->sizes[etb_in_]; etb_k_++) {                \
        BODY                                                                               \
        for (int etb_o_ = 0; etb_o_ < (NOPS); etb_o_++) OFF[etb_o_] += etb_p_->strides[etb_o_][etb_in_]; \
      }                                                                                    \
      for (int etb_o_ = 0; etb_o_ < (NOPS); etb_o_++)                                      \
        OFF[etb_o_] -= etb_p_->sizes[etb_in_] * etb_p_->strides[etb_o_][etb_in_];          \
      int32_t etb_d_ = etb_in_ - 1;                                                        \
      for (; etb_d_ >= 0; etb_d_--) {                                                      \
        for (int etb_o_ = 0; etb_o_ < (NOPS); etb_o_++) OFF[etb_o_] += etb_p_->strides[etb_o_][etb_d_]; \
        if (++etb_ctr_[etb_d_] < etb_p_->sizes[etb_d_]) break;                             \
        for (int etb_o_ = 0; etb_o_ < (NOPS); etb_o_++)                                    \
          OFF[etb_o_] -= etb_p_->sizes[etb_d_] * etb_p_->strides[etb_o_][etb_d_];          \
        etb_ctr_[etb_d_] = 0;                                                              \
      }                                                                                    \
      if (etb_d_ < 0) break;                                                               \
    }                                                                                      \
  } while (0)

#endif /* ETB_ELEMENTWISE_H */
