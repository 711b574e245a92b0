# giltutor — build, test, run and install. GNU make. `make` alone lists the targets.

SHELL := bash
SWIFT ?= swift
# Extra flags for every `swift build` / `swift test` (e.g. SWIFT_FLAGS='-j 1').
SWIFT_FLAGS ?=
# Extra flags for `swift test` only, e.g. TEST_FLAGS='--filter TraceIOTests'.
TEST_FLAGS ?=
PREFIX ?= /usr/local
# Extra arguments for `make run`, e.g. make run ARGS='--format json'.
ARGS ?=

# What `make run` starts (arguments to the release giltutor): the lessons (resume, or the list of lessons).
RUN_COMMAND =

LINT_PATHS = Sources Tests Package.swift
BINDIR = $(DESTDIR)$(PREFIX)/bin
DATADIR = $(DESTDIR)$(PREFIX)/share/giltutor

.DEFAULT_GOAL := help
.PHONY: help deps build release run test bench fidelity install uninstall format lint lint-format clean

help: ## List the targets
	@echo "giltutor — make targets:"
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## (.*)$$/  \1\t\2/' | expand -t 14
	@echo "Variables: SWIFT=$(SWIFT) PREFIX=$(PREFIX) SWIFT_FLAGS='$(SWIFT_FLAGS)' TEST_FLAGS='$(TEST_FLAGS)' ARGS='$(ARGS)'"

deps: ## Install missing system packages (libncurses-dev, tmux); no-op when present
	@SWIFT='$(SWIFT)' bash scripts/ensure-deps.sh

build: deps ## Debug build (.build/debug/giltutor)
	$(SWIFT) build $(SWIFT_FLAGS)

release: deps ## Release build (.build/release/giltutor)
	$(SWIFT) build -c release $(SWIFT_FLAGS)

run: release ## Build in release mode and start giltutor (pass ARGS='...')
	"$$($(SWIFT) build -c release --show-bin-path)/giltutor" $(RUN_COMMAND) $(ARGS)

test: deps lint-format ## Check formatting, build, check the lessons, run XCTest and Swift Testing
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	"$$($(SWIFT) build --show-bin-path)/giltutor" lint Lessons
	set -o pipefail; SWIFT_BACKTRACE=interactive=no $(SWIFT) test $(SWIFT_FLAGS) $(TEST_FLAGS) 2>&1 | tee .build/test.log
	@bash scripts/test-summary.sh .build/test.log

bench: deps ## Engine and rendering throughput; time and memory of the inputs that must stay bounded
	$(SWIFT) run -c release $(SWIFT_FLAGS) giltutor-bench
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product giltutor
	bash scripts/bench-inputs.sh "$$($(SWIFT) build -c release --show-bin-path)/giltutor"

fidelity: deps ## The engine beside real CPython on this machine (QUICK=1: about 40 s per interpreter; FIDELITY_ARGS='--json')
	@# The build talks on stderr, so that --json output on stdout stays pure JSON.
	@$(SWIFT) build -c release $(SWIFT_FLAGS) >&2
	@python3 fidelity/run.py --giltutor "$$($(SWIFT) build -c release --show-bin-path)/giltutor" $(if $(QUICK),--quick) $(FIDELITY_ARGS)

install: release ## Install giltutor and its lessons under PREFIX (default /usr/local)
	install -d "$(BINDIR)" "$(DATADIR)"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/giltutor" "$(BINDIR)/giltutor"
	rm -rf "$(DATADIR)/Lessons"
	cp -R Lessons "$(DATADIR)/Lessons"
	rm -rf "$(DATADIR)/tracer"
	cp -R tracer "$(DATADIR)/tracer"
	@echo "installed $(BINDIR)/giltutor, $(DATADIR)/Lessons and $(DATADIR)/tracer"

uninstall: ## Remove what `make install` put under PREFIX
	rm -f "$(BINDIR)/giltutor"
	rm -rf "$(DATADIR)"

format: ## Rewrite Swift sources with swift format
	$(SWIFT) format -i -r $(LINT_PATHS)

lint: lint-format ## Check formatting and the lessons (giltutor lint Lessons); fails on any error
	$(SWIFT) build $(SWIFT_FLAGS)
	"$$($(SWIFT) build --show-bin-path)/giltutor" lint Lessons

lint-format:
	$(SWIFT) format lint --strict -r $(LINT_PATHS)

clean: ## Remove build products
	$(SWIFT) package clean
