/* STM32 USART with the F1/F2/F4 register layout (SR, DR, BRR, CR1), polled. */
#include "etb_platform.h"
#include "etb_board.h"

#define USART_SR ETB_REG32(ETB_CONSOLE_BASE + 0x00u)
#define USART_DR ETB_REG32(ETB_CONSOLE_BASE + 0x04u)
#define USART_BRR ETB_REG32(ETB_CONSOLE_BASE + 0x08u)
#define USART_CR1 ETB_REG32(ETB_CONSOLE_BASE + 0x0Cu)

#define SR_RXNE (1u << 5)
#define SR_TXE (1u << 7)
#define CR1_RE (1u << 2)
#define CR1_TE (1u << 3)
#define CR1_UE (1u << 13)

void etb_console_init(void) {
  etb_board_setup();
  USART_BRR = ETB_CONSOLE_DIVISOR;
  /* The receiver only works with UE and RE both set (QEMU's model checks them too). */
  USART_CR1 = CR1_UE | CR1_TE | CR1_RE;
}

void etb_console_putc(char c) {
  while ((USART_SR & SR_TXE) == 0u) {
  }
  USART_DR = (uint8_t)c;
}

int etb_console_getc(void) {
  while ((USART_SR & SR_RXNE) == 0u) {
  }
  return (int)(USART_DR & 0xFFu);
}
