# Builds each Lambda function as a Native AOT executable named `bootstrap`, the contract of the provided.al2023
# custom runtime. `sam build` (BuildMethod: makefile) runs `make build-<LogicalId>` with ARTIFACTS_DIR set to the
# function's output folder; the same target works by hand:
#
#   make build-AlarmIngestFunction ARTIFACTS_DIR=/tmp/out              # linux-arm64 (Graviton, the default)
#   make build-AlarmIngestFunction ARTIFACTS_DIR=/tmp/out ARCH=x86_64  # linux-x64
#
# A function's logical id is its project name plus `Function`: build-AlarmIngestFunction publishes
# functions/AlarmIngest/AlarmIngest.csproj. `make functions OUT=<dir>` builds them all into <dir>/<Name>/bootstrap
# (the layout EKSOPS_BOOTSTRAPS and the sizing benchmark read).

ARCH ?= arm64
.DEFAULT_GOAL := help
HOST_ARCH := $(shell uname -m)
# Amazon Linux 2023 ships glibc 2.34; a binary that needs a newer symbol fails to start there.
MAX_GLIBC := 2.34

ifeq ($(ARCH),x86_64)
  RID := linux-x64
else ifeq ($(ARCH),arm64)
  RID := linux-arm64
else
  $(error ARCH must be arm64 or x86_64, not '$(ARCH)')
endif

# Cross-compiling arm64 on an x86_64 host needs clang and an aarch64 sysroot:
#   apt-get install clang-14 gcc-aarch64-linux-gnu libc6-dev-arm64-cross
CROSS_FLAGS :=
ifeq ($(RID)-$(HOST_ARCH),linux-arm64-x86_64)
  CROSS_FLAGS := -p:CppCompilerAndLinker=clang-14
endif
ifeq ($(RID)-$(HOST_ARCH),linux-x64-aarch64)
  $(error building x86_64 functions on an arm64 host is not supported by Native AOT; build them on x86_64)
endif

# Each function publishes into its own folder, so `sam build --parallel` never has two builds sharing obj/.
BUILD_ROOT := $(CURDIR)/artifacts/sam

# Every function of template.yaml (tests/EksOps.Template.Tests keeps the two lists equal).
FUNCTIONS := AlarmIngest Investigate Remediate Approval Report McpServer ActionGroup GatewayTarget
BUILD_TARGETS := $(FUNCTIONS:%=build-%Function)

.PHONY: $(BUILD_TARGETS)
$(BUILD_TARGETS): build-%Function:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it; by hand: make $@ ARTIFACTS_DIR=<dir>)"; exit 2; }
	@test -f functions/$*/$*.csproj || { echo "no project functions/$*/$*.csproj for target $@"; exit 2; }
	@if [ -n "$(CROSS_FLAGS)" ] && { ! command -v clang-14 >/dev/null || [ ! -d /usr/aarch64-linux-gnu/lib ]; }; then \
		echo "cross-compiling linux-arm64 needs: apt-get install clang-14 gcc-aarch64-linux-gnu libc6-dev-arm64-cross (or build with ARCH=x86_64)"; exit 2; fi
	dotnet publish functions/$*/$*.csproj -c Release -r $(RID) $(CROSS_FLAGS) \
		--artifacts-path $(BUILD_ROOT)/$*-$(RID) -o $(BUILD_ROOT)/$*-$(RID)/out
	mkdir -p $(ARTIFACTS_DIR)
	cp $(BUILD_ROOT)/$*-$(RID)/out/$* $(ARTIFACTS_DIR)/bootstrap
	chmod 755 $(ARTIFACTS_DIR)/bootstrap
	@glibc=$$(readelf -V --wide $(ARTIFACTS_DIR)/bootstrap | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1); \
	if [ "$$(printf '%s\n%s\n' "$$glibc" "$(MAX_GLIBC)" | sort -V | tail -1)" != "$(MAX_GLIBC)" ]; then \
		echo "bootstrap needs glibc $$glibc; Amazon Linux 2023 has $(MAX_GLIBC)"; exit 1; \
	fi; \
	echo "bootstrap ($(RID)) needs glibc $$glibc <= $(MAX_GLIBC): $(ARTIFACTS_DIR)/bootstrap"

.PHONY: help
help:
	@echo "make build-<Project>Function ARTIFACTS_DIR=<dir> [ARCH=arm64|x86_64]   Native AOT bootstrap (what sam build runs)"
	@echo "make functions OUT=<dir> [ARCH=arm64|x86_64]                        every function, as <dir>/<Project>/bootstrap"
	@echo "   functions: $(FUNCTIONS)"
	@echo "make bench                                                          cold start, warm overhead, RSS: AOT vs JIT"
	@echo "make clean                                                          remove build outputs"

# One publish at a time: each runs ILC on every core, so parallel builds only contend.
.PHONY: functions
functions:
	@test -n "$(OUT)" || { echo "OUT is not set: make functions OUT=<dir> [ARCH=arm64|x86_64]"; exit 2; }
	@for name in $(FUNCTIONS); do \
		$(MAKE) --no-print-directory build-$${name}Function ARTIFACTS_DIR=$(abspath $(OUT))/$$name ARCH=$(ARCH) || exit 1; \
	done

.PHONY: clean
clean:
	rm -rf $(BUILD_ROOT) .aws-sam

# Cold start, warm overhead and memory of AlarmIngest, AOT against JIT (see tests/EksOps.Benchmarks/README.md).
.PHONY: bench
bench:
	$(MAKE) build-AlarmIngestFunction ARTIFACTS_DIR=$(CURDIR)/artifacts/bench ARCH=$(if $(filter aarch64,$(HOST_ARCH)),arm64,x86_64)
	dotnet build functions/AlarmIngest/AlarmIngest.csproj -c Release
	dotnet run -c Release --project tests/EksOps.Benchmarks -- --aot artifacts/bench/bootstrap \
		--jit functions/AlarmIngest/bin/Release/net10.0/AlarmIngest.dll --event events/cloudwatch-alarm-metric.json
