/* Matrix products shared by mm, bmm and addmm. Every output element is the sum over k in
 * increasing order, starting from 0, exactly as the portable kernels form it; the loops keep four
 * outputs of a row in registers so that b is read four neighbours at a time instead of one
 * column at a time. */
#ifndef ETB_MATMUL_H
#define ETB_MATMUL_H

#include "etb/etb.h"

/* Defines
 *   static void NAME(T *out, const T *a, const T *b, int32_t m, int32_t n, int32_t p,
 *                    const T *self, int32_t self_row_stride, int32_t self_col_stride,
 *                    T alpha, T beta)
 * out (m x p) = a (m x n) . b (n x p), all row-major. With `self` (addmm) each output becomes
 * sum * alpha + self[i * row stride + j * col stride] * beta (strides 0 where self broadcasts).
 * ACC_T is T for floats and the unsigned type of T's width (at least 32 bits) for integers, so
 * that integer overflow wraps without undefined behaviour. */
#define ETB_DEFINE_MATMUL(NAME, T, ACC_T)                                                  \
  static inline T NAME##_finish(ACC_T sum, const T *self, T alpha, T beta) {               \
    if (self == NULL) return (T)sum;                                                       \
    return (T)(sum * (ACC_T)alpha + (ACC_T)*self * (ACC_T)beta);                           \
  }                                                                                        \
  static void NAME(T *out, const T *a, const T *b, int32_t m, int32_t n, int32_t p,        \
                   const T *self, int32_t self_row_stride, int32_t self_col_stride,        \
                   T alpha, T beta) {                                                      \
    for (int32_t i = 0; i < m; i++) {                                                      \
      const T *a_row = a + i * n;                                                          \
      T *out_row = out + i * p;                                                            \
      const T *self_row = self ? self + i * self_row_stride : NULL;                        \
      int32_t j = 0;                                                                       \
      for (; j + 4 <= p; j += 4) {                                                         \
        ACC_T s0 = 0, s1 = 0, s2 = 0, s3 = 0;                                              \
        const T *b_k = b + j;                                                              \
        for (int32_t k = 0; k < n; k++, b_k += p) {                                        \
          const ACC_T x = (ACC_T)a_row[k];                                                 \
          s0 += x * (ACC_T)b_k[0];                                                         \
          s1 += x * (ACC_T)b_k[1];                                                         \
          s2 += x * (ACC_T)b_k[2];                                                         \
          s3 += x * (ACC_T)b_k[3];                                                         \
        }                                                                                  \
        const ACC_T sums[4] = {s0, s1, s2, s3};                                            \
        for (int32_t q = 0; q < 4; q++) {                                                  \
          const T *self_at = self_row ? self_row + (j + q) * self_col_stride : NULL;       \
          out_row[j + q] = NAME##_finish(sums[q], self_at, alpha, beta);                   \
        }                                                                                  \
      }                                                                                    \
      for (; j < p; j++) {                                                                 \
        ACC_T s = 0;                                                                       \
        for (int32_t k = 0; k < n; k++) s += (ACC_T)a_row[k] * (ACC_T)b[k * p + j];        \
        const T *self_at = self_row ? self_row + j * self_col_stride : NULL;               \
        out_row[j] = NAME##_finish(s, self_at, alpha, beta);                               \
      }                                                                                    \
    }                                                                                      \
  }

#endif /* ETB_MATMUL_H */
