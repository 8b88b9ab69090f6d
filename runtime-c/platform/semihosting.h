/* Arm semihosting calls (BKPT 0xAB on M-profile). They stop the core unless an emulator or a
 * debugger services them, so the runner only makes them when the host asks for it. */
#ifndef ETB_SEMIHOSTING_H
#define ETB_SEMIHOSTING_H

#include <stdint.h>

#define ETB_SYS_WRITEC 0x03u
#define ETB_SYS_READC 0x07u
#define ETB_SYS_EXIT_EXTENDED 0x20u
#define ETB_ADP_STOPPED_APPLICATION_EXIT 0x20026u

static inline uint32_t etb_semihosting_call(uint32_t operation, const void *argument) {
  register uint32_t r0 __asm__("r0") = operation;
  register const void *r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

#endif /* ETB_SEMIHOSTING_H */
