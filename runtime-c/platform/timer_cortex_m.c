/* Cycle counting on Cortex-M. With ETB_TIMER_DWT the DWT cycle counter is used when it counts;
 * where it does not (QEMU does not emulate it, and ARMv6-M has none) SysTick takes over: its
 * 24-bit down-counter is extended to 32 bits by counting wraps in its interrupt. */
#include "etb_platform.h"
#include "etb_board.h"

#define SYST_CSR ETB_REG32(0xE000E010u)
#define SYST_RVR ETB_REG32(0xE000E014u)
#define SYST_CVR ETB_REG32(0xE000E018u)
#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE_CPU (1u << 2)
#define SYST_RELOAD 0xFFFFFFu
#define ICSR ETB_REG32(0xE000ED04u)
#define ICSR_PENDSTCLR (1u << 25)

#if defined(ETB_TIMER_DWT)
#define DEMCR ETB_REG32(0xE000EDFCu)
#define DWT_CTRL ETB_REG32(0xE0001000u)
#define DWT_CYCCNT ETB_REG32(0xE0001004u)
#define DWT_LAR ETB_REG32(0xE0001FB0u)
#define DEMCR_TRCENA (1u << 24)
#define DWT_CTRL_CYCCNTENA (1u << 0)
#define DWT_UNLOCK 0xC5ACCE55u
#endif

static volatile uint32_t systick_wraps;
static uint8_t use_dwt;

void etb_systick_handler(void) {
  systick_wraps++;
}

void etb_timer_init(void) {
#if defined(ETB_TIMER_DWT)
  DEMCR |= DEMCR_TRCENA;
  DWT_LAR = DWT_UNLOCK; /* the Cortex-M7 ignores DWT writes until unlocked */
  DWT_CYCCNT = 0u;
  DWT_CTRL |= DWT_CTRL_CYCCNTENA;
  const uint32_t first = DWT_CYCCNT;
  for (volatile int i = 0; i < 8; i++) {
  }
  use_dwt = DWT_CYCCNT != first;
  if (use_dwt) return;
#endif
  SYST_RVR = SYST_RELOAD;
  SYST_CVR = 0u;
  SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE_CPU;
}

uint32_t etb_timer_now(void) {
#if defined(ETB_TIMER_DWT)
  if (use_dwt) return DWT_CYCCNT;
#endif
  uint32_t wraps;
  uint32_t value;
  do { /* a wrap between the two reads would pair the new count with the old wrap count */
    wraps = systick_wraps;
    value = SYST_CVR;
  } while (wraps != systick_wraps);
  return (wraps << 24) + (SYST_RELOAD - value);
}

/* SysTick ticks on a grid that starts when it is enabled, and it wraps every 2^24 ticks: a
 * measurement that began at an arbitrary moment would count one tick more or less, and the wrap
 * interrupt's instructions or not, depending on that moment. Restarting the counter from zero
 * puts both at the same place relative to the measured code every time. */
uint32_t etb_timer_start(void) {
#if defined(ETB_TIMER_DWT)
  if (use_dwt) return DWT_CYCCNT;
#endif
  SYST_CSR = 0u;
  ICSR = ICSR_PENDSTCLR; /* a wrap that was about to be counted belongs to the old count */
  SYST_CVR = 0u; /* clears the counter; it reloads from SYST_RVR on the first tick */
  systick_wraps = 0u;
  SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE_CPU;
  while (SYST_CVR == 0u) {
  }
  return etb_timer_now();
}

const char *etb_timer_name(void) {
  return use_dwt ? "dwt" : "systick";
}
