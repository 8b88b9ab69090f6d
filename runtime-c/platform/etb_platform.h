/* What the runner needs from a board: a byte console, a cycle counter and a way to stop. The
 * build links exactly one console and at most one timer implementation, chosen from the board
 * file; etb_board.h (generated per board) supplies their register addresses and divisors. */
#ifndef ETB_PLATFORM_H
#define ETB_PLATFORM_H

#include <stdint.h>

void etb_console_init(void);
void etb_console_putc(char c);
/* Blocks until a byte arrives and returns it (0..255); returns -1 only when the input has
 * ended for good (the host runner's stdin). */
int etb_console_getc(void);

void etb_timer_init(void);
/* A free-running count; differences are taken modulo 2^32. */
uint32_t etb_timer_now(void);
/* What the counts are: "dwt" (core cycles), "systick" (core clock ticks, or instructions under
 * QEMU -icount) or "host" (nanoseconds). Valid after etb_timer_init. */
const char *etb_timer_name(void);

/* Stops with an exit status: semihosting SYS_EXIT_EXTENDED on a target (under QEMU, or with a
 * debugger attached), exit() on the host. */
_Noreturn void etb_platform_exit(int status);

#endif /* ETB_PLATFORM_H */
