/* Exit through semihosting: QEMU (-semihosting-config enable=on) exits with `status`. */
#include "etb_platform.h"
#include "semihosting.h"

_Noreturn void etb_platform_exit(int status) {
  const uint32_t block[2] = {ETB_ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status};
  (void)etb_semihosting_call(ETB_SYS_EXIT_EXTENDED, block);
  for (;;) {
  }
}
