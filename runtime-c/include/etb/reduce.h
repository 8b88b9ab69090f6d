/* Reductions over a build-time plan (src/codegen/lowering/reduce.ts). Output elements are visited
 * with ETB_FOR_EACH_ELEMENT over `kept` (operand 0 the output, operand 1 the input's first element
 * of that output's reduction); the elements that reduce into one output with an odometer over the
 * reduced dimensions, outermost first and the innermost one as a plain strided loop. That is the
 * order in which the portable kernels combine them, so float sums come out bit-identical. */
#ifndef ETB_REDUCE_H
#define ETB_REDUCE_H

#include "etb/etb.h"
#include "etb/elementwise.h"

typedef struct etb_reduce_plan {
  const etb_broadcast *kept;
  int32_t ndim;           /* reduced dimensions (at least 1) */
  const int32_t *sizes;
  const int32_t *strides; /* input element strides */
  int32_t count;          /* elements per output, the product of sizes */
  int32_t sum_from_zero;  /* sums start at 0 (the portable fast path) rather than at the first element */
} etb_reduce_plan;

/* Steps an odometer over dimensions [0, ndim), the last fastest, keeping *offset at the element
 * offset of the counter. Returns false (with counter and offset back at 0) once it wraps. */
static inline bool etb_odometer_next(int32_t *counter, int32_t ndim, const int32_t *sizes,
                                     const int32_t *strides, int32_t *offset) {
  for (int32_t d = ndim - 1; d >= 0; d--) {
    *offset += strides[d];
    if (++counter[d] < sizes[d]) return true;
    *offset -= sizes[d] * strides[d];
    counter[d] = 0;
  }
  return false;
}

static inline bool etb_isnan_f32(float x) { return x != x; }
static inline bool etb_isnan_f64(double x) { return x != x; }
/* NaN test for any element type: integers are never NaN. */
#define ETB_ISNAN(x) _Generic((x), float: etb_isnan_f32(x), double: etb_isnan_f64(x), default: false)

/* Defines `static ACC_T NAME(const IN_T *in, const etb_reduce_plan *plan)`: the sum of the
 * elements that reduce into one output, `in` pointing at the first of them. Each element is
 * converted to OUT_T and then to the accumulator type (OUT_T itself for floats and bool, the
 * unsigned type of its width for integers, so that overflow wraps as the portable kernels' does
 * in practice, without undefined behaviour). */
#define ETB_DEFINE_REDUCE_SUM(NAME, IN_T, OUT_T, ACC_T)                                    \
  static ACC_T NAME(const IN_T *in, const etb_reduce_plan *plan) {                         \
    if (plan->count == 0) return (ACC_T)0;                                                 \
    const int32_t last = plan->ndim - 1;                                                   \
    const int32_t n = plan->sizes[last];                                                   \
    const int32_t step = plan->strides[last];                                              \
    ACC_T acc = plan->sum_from_zero ? (ACC_T)0 : (ACC_T)(OUT_T)in[0];                      \
    int32_t k = plan->sum_from_zero ? 0 : 1;                                               \
    int32_t counter[ETB_MAX_DIM] = {0};                                                    \
    int32_t row = 0;                                                                       \
    do {                                                                                   \
      for (; k < n; k++) acc += (ACC_T)(OUT_T)in[row + k * step];                          \
      k = 0;                                                                               \
    } while (etb_odometer_next(counter, last, plan->sizes, plan->strides, &row));          \
    return acc;                                                                            \
  }

/* Defines `static T NAME(const T *in, const etb_reduce_plan *plan)`: the first element, then
 * each later one that is NaN or beats the running value under BETTER(v, best) replaces it (amax
 * and amin propagate NaN). */
#define ETB_DEFINE_REDUCE_EXTREME(NAME, T, BETTER)                                         \
  static T NAME(const T *in, const etb_reduce_plan *plan) {                                \
    const int32_t last = plan->ndim - 1;                                                   \
    const int32_t n = plan->sizes[last];                                                   \
    const int32_t step = plan->strides[last];                                              \
    T best = in[0];                                                                        \
    int32_t k = 1;                                                                         \
    int32_t counter[ETB_MAX_DIM] = {0};                                                    \
    int32_t row = 0;                                                                       \
    do {                                                                                   \
      for (; k < n; k++) {                                                                 \
        const T v = in[row + k * step];                                                    \
        if (ETB_ISNAN(v) || BETTER(v, best)) best = v;                                     \
      }                                                                                    \
      k = 0;                                                                               \
    } while (etb_odometer_next(counter, last, plan->sizes, plan->strides, &row));          \
    return best;                                                                           \
  }

#endif /* ETB_REDUCE_H */
