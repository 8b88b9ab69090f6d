/* STM32 USART/LPUART with the F0/F7/L4/H7 register layout (CR1, BRR, ISR, RDR, TDR), polled.
 * The LPUART differs only in its baud formula, which etbuild folds into ETB_CONSOLE_DIVISOR. */
#include "etb_platform.h"
#include "etb_board.h"

#define USART_CR1 ETB_REG32(ETB_CONSOLE_BASE + 0x00u)
#define USART_CR3 ETB_REG32(ETB_CONSOLE_BASE + 0x08u)
#define USART_BRR ETB_REG32(ETB_CONSOLE_BASE + 0x0Cu)
#define USART_ISR ETB_REG32(ETB_CONSOLE_BASE + 0x1Cu)
#define USART_RDR ETB_REG32(ETB_CONSOLE_BASE + 0x24u)
#define USART_TDR ETB_REG32(ETB_CONSOLE_BASE + 0x28u)

#define CR1_UE (1u << 0)
#define CR1_RE (1u << 2)
#define CR1_TE (1u << 3)
#define CR3_OVRDIS (1u << 12)
#define ISR_RXNE (1u << 5)
#define ISR_TXE (1u << 7)

void etb_console_init(void) {
  etb_board_setup();
  USART_BRR = ETB_CONSOLE_DIVISOR;
  /* Without OVRDIS one overrun would stop reception until software clears ORE. */
  USART_CR3 = CR3_OVRDIS;
  USART_CR1 = CR1_UE | CR1_TE | CR1_RE;
}

void etb_console_putc(char c) {
  while ((USART_ISR & ISR_TXE) == 0u) {
  }
  USART_TDR = (uint8_t)c;
}

int etb_console_getc(void) {
  while ((USART_ISR & ISR_RXNE) == 0u) {
  }
  return (int)(USART_RDR & 0xFFu);
}
