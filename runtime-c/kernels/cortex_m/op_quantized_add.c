/* cortex_m::quantized_add.out. */
#include "op_quantized_add.h"

/* One output from the two inputs with their offsets already added. */
ETB_CM_INLINE int8_t add_offset_values(int32_t a, int32_t b, const etb_cm_add_params *p) {
  const int32_t x1 = etb_cm_requantize((int32_t)((uint32_t)a << p->left_shift), p->input1_multiplier, p->input1_shift);
  const int32_t x2 = etb_cm_requantize((int32_t)((uint32_t)b << p->left_shift), p->input2_multiplier, p->input2_shift);
  const int32_t sum = (int32_t)((uint32_t)x1 + (uint32_t)x2);
  return etb_cm_requantize_s8(sum, p->output_multiplier, p->output_shift, p->output_offset, p->act_min, p->act_max);
}

#if defined(ETB_USE_etb_cm_add_s8)
etb_status etb_cm_add_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t count,
                         const etb_cm_add_params *params) {
  int32_t i = 0;
#if ETB_CM_DSP
  if (etb_cm_offset_fits_s16(params->input1_offset) && etb_cm_offset_fits_s16(params->input2_offset)) {
    /* Four elements per step: the offsets are added to 16-bit lanes by SXTAB16. */
    const uint32_t offset1 = etb_cm_pair_s16(params->input1_offset);
    const uint32_t offset2 = etb_cm_pair_s16(params->input2_offset);
    for (; i + 4 <= count; i += 4) {
      const uint32_t a = etb_cm_read_s8x4(input1 + i);
      const uint32_t b = etb_cm_read_s8x4(input2 + i);
      const uint32_t a02 = etb_cm_even_s16x2(offset1, a), a13 = etb_cm_odd_s16x2(offset1, a);
      const uint32_t b02 = etb_cm_even_s16x2(offset2, b), b13 = etb_cm_odd_s16x2(offset2, b);
      output[i + 0] = add_offset_values((int16_t)a02, (int16_t)b02, params);
      output[i + 1] = add_offset_values((int16_t)a13, (int16_t)b13, params);
      output[i + 2] = add_offset_values((int16_t)(a02 >> 16), (int16_t)(b02 >> 16), params);
      output[i + 3] = add_offset_values((int16_t)(a13 >> 16), (int16_t)(b13 >> 16), params);
    }
  }
#endif
  for (; i < count; i++) {
    output[i] = add_offset_values(input1[i] + params->input1_offset, input2[i] + params->input2_offset, params);
  }
  return ETB_OK;
}
#endif

#if defined(ETB_USE_etb_cm_add_broadcast_s8)
etb_status etb_cm_add_broadcast_s8(const int8_t *input1, const int8_t *input2, int8_t *output,
                                   const etb_broadcast *plan, const etb_cm_add_params *params) {
  ETB_FOR_EACH_ELEMENT(plan, 3, off, {
    output[off[0]] = add_offset_values(input1[off[1]] + params->input1_offset,
                                       input2[off[2]] + params->input2_offset, params);
  });
  return ETB_OK;
}
#endif
