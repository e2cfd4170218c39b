# FactorLab — two commands on a fresh Debian machine with Swift:
#   make demo   the paper reproduction on the bundled data
#   make test   the test suite
# Both install the missing system packages first (apt-get; sudo when not root).

SWIFT ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps demo test build bench

deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		echo "factorlab: installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

demo: deps
	$(SWIFT) run -c release factorlab demo

# --no-parallel: BLAS.threads and the flush-to-zero state are process-global, and several suites
# pin them to check bit-identical results; running suites concurrently in one process would let one
# suite change the thread count under another.
test: deps
	$(SWIFT) test --no-parallel

build: deps
	$(SWIFT) build -c release

bench: deps
	$(SWIFT) run -c release lstm-bench
