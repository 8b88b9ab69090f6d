/* cortex_m::quantized_batch_matmul.out. */
#include "op_quantized_batch_matmul.h"

#if defined(ETB_USE_etb_cm_batch_matmul_s8)
etb_status etb_cm_batch_matmul_s8(const etb_cm_batch_matmul_params *params, const int8_t *lhs,
                                  const int8_t *rhs_transposed, int8_t *output) {
  const etb_cm_batch_matmul_params *p = params;
  for (int32_t b = 0; b < p->batches; b++) {
    const int8_t *rhs = rhs_transposed + (size_t)b * p->cols * p->inner;
    for (int32_t r = 0; r < p->rows; r++) {
      const int8_t *row = lhs + ((size_t)b * p->rows + r) * p->inner;
      for (int32_t c = 0; c < p->cols; c++) {
        const int8_t *col = rhs + (size_t)c * p->inner;
        int32_t acc = 0;
        for (int32_t k = 0; k < p->inner; k++) acc += (row[k] + p->lhs_offset) * (col[k] + p->rhs_offset);
        *output++ = etb_cm_requantize_s8(acc, p->multiplier, p->shift, p->output_offset, p->act_min, p->act_max);
      }
    }
  }
  return ETB_OK;
}
#endif
