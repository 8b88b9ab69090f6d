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
/* Starts a measurement and returns etb_timer_now(). Under QEMU -icount it restarts SysTick at
 * this instruction, so a count no longer depends on when the host's command arrived. */
uint32_t etb_timer_start(void);
/* What the counts are: "dwt" (core cycles), "systick" (core clock ticks, or instructions under
 * QEMU -icount) or "host" (nanoseconds). Valid after etb_timer_init. */
const char *etb_timer_name(void);

#if defined(ETB_STACK_PAINT)
/* The generated startup paints the stack at reset: the bytes of it ever used (its high-water
 * mark) and its size. */
uint32_t etb_stack_used(void);
uint32_t etb_stack_size(void);
#endif

/* Stops with an exit status: semihosting SYS_EXIT_EXTENDED on a target (under QEMU, or with a
 * debugger attached), exit() on the host. */
_Noreturn void etb_platform_exit(int status);

#endif /* ETB_PLATFORM_H */
