/* The host runner's console: stdin and stdout, flushed at each line so that a parent process
 * reading a pipe sees every protocol line as soon as it is complete. */
#include <stdio.h>
#include <stdlib.h>

#include "etb_platform.h"

void etb_console_init(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
}

void etb_console_putc(char c) {
  (void)putchar((unsigned char)c);
}

int etb_console_getc(void) {
  const int c = getchar();
  return c == EOF ? -1 : c;
}

_Noreturn void etb_platform_exit(int status) {
  (void)fflush(stdout);
  exit(status);
}
