/* Shared pieces of the copy and creation kernels (clone, alias_copy, _to_copy,
 * _to_dim_order_copy, _clone_dim_order, full, full_like, scalar_tensor, zeros, ones). */
#ifndef ETB_COPY_H
#define ETB_COPY_H

#include "etb/kernel.h"

/* A copy between tensors of the same dtype and the same memory layout: the bytes as they are.
 * memmove, because a planner may place out over self when self dies at this instruction. */
static inline etb_status etb_copy_bytes(const etb_tensor *self, const etb_tensor *out) {
  const size_t nbytes = (size_t)out->numel * etb_dtype_size(out->dtype);
  if (nbytes > 0 && self->data != out->data) memmove(out->data, self->data, nbytes);
  return ETB_OK;
}

/* out[p] = (OUT_T)self[p] for every logical position p: a dtype conversion (C's conversion,
 * which truncates floats toward zero and maps non-zero to true) and/or a layout change, with the
 * plan giving both operands' strides (out is operand 0, self operand 1). */
#define ETB_CONVERT_COPY_SIGNATURE(NAME) \
  etb_status NAME(const etb_tensor *self, const etb_tensor *out, const etb_broadcast *plan)

#define ETB_DEFINE_CONVERT_COPY(NAME, IN_T, OUT_T)                                     \
  ETB_CONVERT_COPY_SIGNATURE(NAME) {                                                   \
    const IN_T *in_ = (const IN_T *)self->data;                                        \
    OUT_T *out_ = (OUT_T *)out->data;                                                  \
    ETB_FOR_EACH_ELEMENT(plan, 2, off, { out_[off[0]] = (OUT_T)in_[off[1]]; });        \
    return ETB_OK;                                                                     \
  }

#define ETB_DECLARE_CONVERT_COPY(NAME) ETB_NODISCARD ETB_CONVERT_COPY_SIGNATURE(NAME);

/* Every element of out set to value (already converted to out's dtype at build time). */
#define ETB_FILL_SIGNATURE(NAME, T) etb_status NAME(const etb_tensor *out, T value)

#define ETB_DEFINE_FILL(NAME, T)                                                       \
  ETB_FILL_SIGNATURE(NAME, T) {                                                        \
    T *out_ = (T *)out->data;                                                          \
    for (int32_t i = 0; i < out->numel; i++) out_[i] = value;                          \
    return ETB_OK;                                                                     \
  }

#define ETB_DECLARE_FILL(NAME, T) ETB_NODISCARD ETB_FILL_SIGNATURE(NAME, T);

#endif /* ETB_COPY_H */
