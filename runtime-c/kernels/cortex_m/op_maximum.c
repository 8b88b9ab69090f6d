/* cortex_m::maximum.out. Upstream's CMSIS-NN kernel computes wrong values when it broadcasts an
 * operand whose last two dimensions are 1 against one whose are not ([1,C,1,1] against
 * [1,C,H,W]); this kernel computes what the operator means for every broadcast. */
#include "op_maximum.h"

ETB_CM_INLINE int8_t max_s8(int8_t a, int8_t b) {
  return a > b ? a : b;
}

#if defined(ETB_USE_etb_cm_maximum_s8)
etb_status etb_cm_maximum_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t count) {
  int32_t i = 0;
#if ETB_CM_DSP
  /* Four lanes per step: SSUB8 sets a GE flag per byte lane, SEL picks the larger byte. */
  for (; i + 4 <= count; i += 4) {
    const uint32_t a = etb_cm_read_s8x4(input1 + i);
    const uint32_t b = etb_cm_read_s8x4(input2 + i);
    (void)__ssub8(a, b);
    const uint32_t r = __sel(a, b);
    memcpy(output + i, &r, 4);
  }
#endif
  for (; i < count; i++) output[i] = max_s8(input1[i], input2[i]);
  return ETB_OK;
}
#endif

#if defined(ETB_USE_etb_cm_maximum_broadcast_s8)
etb_status etb_cm_maximum_broadcast_s8(const int8_t *input1, const int8_t *input2, int8_t *output,
                                       const etb_broadcast *plan) {
  ETB_FOR_EACH_ELEMENT(plan, 3, off, { output[off[0]] = max_s8(input1[off[1]], input2[off[2]]); });
  return ETB_OK;
}
#endif
