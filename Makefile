# nt4trust - plain Makefile with pkg-config (STYLE.md section H).
#
#   make            build build/libnt4trust.a and build/nt4trust
#   make demo       install missing packages, build, run the Q207957 scenario
#   make check      install missing packages, build, run every test
#   make lint fuzz install uninstall clean deps
#
# Knobs: SANITIZE=address,undefined  COVERAGE=1  V=1  PREFIX DESTDIR ...

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
DESTDIR    ?=

CC         ?= cc
CLANG      ?= clang
PKG_CONFIG ?= pkg-config
PKGS        = openssl tdb smbclient jansson
# libsmbclient is opened with dlopen by the live commands (migrate/live.c):
# linked in, its Samba libraries would slow every run's start by ~20 ms.
LINK_PKGS   = openssl tdb jansson
TEST_PKGS   = check

ifeq ($(V),1)
Q =
else
Q = @
endif

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wvla -Wformat=2 -Wimplicit-fallthrough \
       -Wpointer-arith
HARDEN = -D_FORTIFY_SOURCE=2 -fstack-protector-strong
BASE_CFLAGS = -O2 -g $(WARN) -D_GNU_SOURCE -I. \
	-DNT4TRUST_DATADIR='"$(DATADIR)/nt4trust"'

ifneq ($(strip $(SANITIZE)),)
SAN_FLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
HARDEN =
BUILD ?= build-san
endif
ifeq ($(COVERAGE),1)
SAN_FLAGS += --coverage
BUILD ?= build-cov
endif
BUILD ?= build

DEPS_OK := $(shell $(PKG_CONFIG) --exists $(PKGS) $(TEST_PKGS) 2>/dev/null && echo yes)
ifeq ($(DEPS_OK),yes)
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(LINK_PKGS))
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS))
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))
endif

ALL_CFLAGS = $(BASE_CFLAGS) $(HARDEN) $(SAN_FLAGS) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)

LIB_SRCS  = $(sort $(wildcard common/*.c nt4/*.c migrate/*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(BUILD)/%.o)
LIB       = $(BUILD)/libnt4trust.a
TOOL_SRCS = $(sort $(wildcard tools/*.c))
TOOL_OBJS = $(TOOL_SRCS:%.c=$(BUILD)/%.o)
TOOL      = $(BUILD)/nt4trust

TEST_SRCS = $(sort $(wildcard tests/check_*.c))
TEST_BINS = $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
TEST_UTIL = $(BUILD)/tests/testutil.o
FUZZ_SRCS = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY = $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)
FUZZ_BUILD ?= build-fuzz
FUZZ_BINS = $(FUZZ_SRCS:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
HEADERS   = $(sort $(wildcard common/*.h nt4/*.h migrate/*.h))

.PHONY: all check demo deps install uninstall clean lint fuzz unit valgrind-unit \
	check-symbols headertest fuzz-replay cli-tests bench
.DEFAULT_GOAL := all
.SECONDARY:

all: $(TOOL)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(TOOL): $(TOOL_OBJS) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(TOOL_OBJS) $(LIB) $(PKG_LIBS)

# Unit tests: one binary per module, each tests/check_<m>.c exports
# <m>_suite(); tests/unit_main.c runs it with TAP output.
$(BUILD)/tests/check_%: $(BUILD)/tests/check_%.o tests/unit_main.c $(TEST_UTIL) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -DSUITE_FN=$*_suite \
		-o $@ tests/unit_main.c $< $(TEST_UTIL) $(LIB) $(PKG_LIBS) \
		$(CHECK_LIBS) $(ALL_LDFLAGS)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -DTEST_DATA_DIR='"tests/data"' \
		-MMD -MP -c -o $@ $<

# Fuzz targets: replayed over their corpus by a gcc driver in make check,
# built with libFuzzer by make fuzz.
$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ tests/fuzz/replay.c $< $(LIB) \
		$(PKG_LIBS) $(ALL_LDFLAGS)

FUZZ_LIB_OBJS = $(LIB_SRCS:%.c=$(FUZZ_BUILD)/obj/%.o)
$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(BASE_CFLAGS) $(PKG_CFLAGS) -DNT4TRUST_FUZZING \
		-fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<
$(FUZZ_BUILD)/%: tests/fuzz/%.c $(FUZZ_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(BASE_CFLAGS) $(PKG_CFLAGS) -DNT4TRUST_FUZZING \
		-fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_LIB_OBJS) \
		$(PKG_LIBS)

# The campaign (tests/fuzz/campaign.sh): every target until FUZZ_RUNS
# executions or FUZZ_SECONDS seconds, whichever comes first (0 = no such
# limit); FUZZ_TARGETS picks some.  The table goes to FUZZ_BUILD/campaign.txt.
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?= 0
FUZZ_TARGETS ?=
fuzz: $(FUZZ_BINS)
	$(Q)sh tests/fuzz/campaign.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_RUNS) \
		$(FUZZ_TARGETS)

# Benchmarks (bench/README.md): the release flags (-O2), bounded in time
# and count, figures printed against their targets.  Not part of check.
ifneq ($(filter bench,$(MAKECMDGOALS)),)
ifneq ($(strip $(SAN_FLAGS)),)
$(error make bench measures the release build: drop SANITIZE and COVERAGE)
endif
endif
$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(ALL_LDFLAGS)

# The estate generator is also built by check (tests/cli/test_samba_estate.sh).
GEN_ESTATE = $(BUILD)/bench/gen_samba_estate
bench: $(TOOL) $(BUILD)/bench/bench_logon $(GEN_ESTATE) \
		$(BUILD)/bench/bench_topology
	$(Q)sh bench/run.sh $(BUILD)

deps:
	$(Q)sh tools/deps.sh

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh tools/demo.sh $(TOOL)

unit: $(TEST_BINS)
fuzz-replay: $(FUZZ_REPLAY)

# Every unit suite under valgrind, in one process (CK_FORK=no); definite
# leaks and memory errors fail (.ci/run runs it after make check).
valgrind-unit: deps
	$(Q)$(MAKE) --no-print-directory unit
	$(Q)fail=0; for t in $(TEST_BINS); do \
		CK_FORK=no valgrind -q --leak-check=full \
			--suppressions=tests/valgrind.supp \
			--errors-for-leak-kinds=definite --error-exitcode=9 \
			$$t > $$t.valgrind 2>&1 || { echo "valgrind: $$t failed"; \
			tail -20 $$t.valgrind; fail=1; }; \
	done; [ $$fail = 0 ] && echo "valgrind-unit: $(words $(TEST_BINS)) suites clean"

check: deps
	$(Q)$(MAKE) --no-print-directory all unit fuzz-replay $(GEN_ESTATE)
	$(Q)$(MAKE) --no-print-directory headertest check-symbols
	$(Q)sh tests/run-tests.sh $(BUILD)

headertest:
	$(Q)mkdir -p $(BUILD)/headertest
	$(Q)for h in $(HEADERS); do \
		printf '#include "%s"\n#include "%s"\n' $$h $$h > $(BUILD)/headertest/t.c; \
		$(CC) -std=c11 -Wall -Wextra -pedantic -Werror -I. $(PKG_CFLAGS) \
			-fsyntax-only $(BUILD)/headertest/t.c || { echo "headertest: $$h"; exit 1; }; \
	done; echo "headertest: $(words $(HEADERS)) headers compile alone"

# Every global symbol of the library must carry one of our module prefixes.
SYMBOL_PREFIXES = err_ sbuf_ wbuf_ mem_ crypto_ rng_ utf8_ utf16_ hex_ \
	nlcrypto_ ntlm_ ntstatus_ sid_ names_ store_ sam_ lsa_ lab_ \
	schannel_ netlogon_ logon_ trust_ scenario_ view_ out_ fmt_ \
	clock_ journal_ rec_ domain_ cli_ rotate_ duration_ repair_ diag_ \
	samba_ adtrust_ migrate_ plan_ live_ tdbsam_ secretsdb_ sambaview_ \
	sambaimport_ sambarepair_ sambaestate_ trustauth_ base64_ adtopo_ \
	handoff_
check-symbols: $(LIB)
	$(Q)bad=$$(nm -g --defined-only $(LIB) | awk 'NF==3 {print $$3}' | \
		grep -v -E '^($(subst $(eval) ,|,$(strip $(SYMBOL_PREFIXES))))' ); \
	if [ -n "$$bad" ]; then echo "check-symbols: symbols outside the module prefixes:"; \
		echo "$$bad"; exit 1; fi; echo "check-symbols: ok"

lint:
	$(Q)clang-format --dry-run -Werror $(LIB_SRCS) $(TOOL_SRCS) $(HEADERS)
	$(Q)cppcheck --quiet --error-exitcode=1 --inline-suppr -I. \
		--suppress=missingIncludeSystem $(LIB_SRCS) $(TOOL_SRCS)
	$(Q)! grep -n -E '\b(strcpy|strcat|sprintf|vsprintf|strtok|sscanf|gets|atoi|strncpy|alloca)\s*\(' \
		$(LIB_SRCS) $(TOOL_SRCS)
	$(Q)$(MAKE) --no-print-directory check-symbols

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/nt4trust/scenarios \
		$(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 0755 $(TOOL) $(DESTDIR)$(BINDIR)/nt4trust
	install -m 0644 $(LIB) $(DESTDIR)$(LIBDIR)/libnt4trust.a
	install -m 0644 docs/nt4trust.1 $(DESTDIR)$(MANDIR)/man1/nt4trust.1
	install -m 0644 docs/scenarios/* $(DESTDIR)$(DATADIR)/nt4trust/scenarios/
	for d in common nt4 migrate; do \
		ls $$d/*.h >/dev/null 2>&1 || continue; \
		install -d $(DESTDIR)$(INCLUDEDIR)/nt4trust/$$d; \
		for h in $$d/*.h; do case $$h in *_int.h) ;; *) \
			install -m 0644 $$h $(DESTDIR)$(INCLUDEDIR)/nt4trust/$$d/;; esac; done; done
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' nt4trust.pc.in \
		> $(DESTDIR)$(LIBDIR)/pkgconfig/nt4trust.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/nt4trust $(DESTDIR)$(LIBDIR)/libnt4trust.a \
		$(DESTDIR)$(MANDIR)/man1/nt4trust.1 \
		$(DESTDIR)$(LIBDIR)/pkgconfig/nt4trust.pc
	rm -rf $(DESTDIR)$(DATADIR)/nt4trust $(DESTDIR)$(INCLUDEDIR)/nt4trust

clean:
	rm -rf build build-san build-cov build-fuzz

-include $(LIB_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%.d)
