#!/usr/bin/env bash
# Installs what etbuild needs on a Debian 12 machine: the Arm and host compilers, QEMU, flatc,
# socat and stm32flash (Debian packages), then the npm dependencies (which also builds the CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends: QEMU would otherwise pull ~170 GUI packages.
$SUDO apt-get install -y -qq --no-install-recommends \
  gcc libc6-dev make \
  gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi \
  qemu-system-arm flatbuffers-compiler socat stm32flash chromium >/dev/null
npm ci --no-audit --no-fund
