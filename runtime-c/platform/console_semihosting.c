/* Console through semihosting (a debugger or QEMU services it): for boards whose UART etbuild
 * does not drive. Slow: every byte stops the core. */
#include "etb_platform.h"
#include "etb_board.h"
#include "semihosting.h"

void etb_console_init(void) {
  etb_board_setup();
}

void etb_console_putc(char c) {
  (void)etb_semihosting_call(ETB_SYS_WRITEC, &c);
}

int etb_console_getc(void) {
  return (int)(etb_semihosting_call(ETB_SYS_READC, 0) & 0xFFu);
}
