# attache - build, test, benchmark.
#
#   make            library + CLI at build/attache
#   make demo       install dependencies if needed, build, run `attache demo`
#   make check      install dependencies if needed, run all tests, then again
#                   under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      benchmarks (reads ../shared/corpus when present)
#   make eval       extraction evaluation against hand-annotated gold
#   make fuzz       libFuzzer targets (fuzz/) with ASan+UBSan, FUZZ_SECONDS each
#
# Every source file under src/<stage>/ goes into libattache.a, except
# src/cli/ which is the `attache` program.  Files under data/ and samples/
# are compiled into the binary (build/gen/embedded.c) so the CLI works from
# any directory.

CC      ?= cc
BUILD   ?= build
PKGS    := sqlite3 libutf8proc gumbo jansson zlib libmicrohttpd libcurl libxml-2.0
SAN     ?=

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c17 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
LDLIBS  := $(PKG_LIBS) -lm -lpthread
ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS    += -fsanitize=address,undefined
endif
ifeq ($(SAN),fuzz)
ALL_CFLAGS += -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS    += -fsanitize=address,undefined
endif

LIB_SRC  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
EMBED_IN := $(sort $(wildcard data/*.tsv data/*.conf data/*.model samples/*.txt samples/*.html))
# the dashboard and the API document (attache serve)
EMBED_IN += $(sort $(wildcard web/*.html web/*.css web/*.js web/vendor/*/*.js web/vendor/*/*.css web/vendor/*/*.json)) src/serve/openapi.json

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
FUZZ_TARGETS := $(patsubst fuzz/fuzz_%.c,%,$(sort $(wildcard fuzz/fuzz_*.c)))
REPLAYS  := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
FUZZ_SECONDS ?= 60
LIB      := $(BUILD)/libattache.a
CLI      := $(BUILD)/attache

.PHONY: all deps demo check test run-tests bench eval clean model fuzz fuzz-build
all: $(CLI)

deps:
	@sh scripts/install-deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 $(WARN) $< -o $@

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(EMBED_IN)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(EMBED_IN)

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(CLI): $(CLI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) $(CLI_OBJ) $(LIB) $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/%.c tests/test_util.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $< $(LIB) $(LDLIBS) $$(pkg-config --libs cmocka) -o $@

demo: deps
	@$(MAKE) --no-print-directory all
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	$(CLI) --db $(BUILD)/demo.db demo

# Tests run twice: the normal build, then a separate ASan+UBSan build.
check: deps
	@$(MAKE) --no-print-directory run-tests
	@$(MAKE) --no-print-directory run-tests BUILD=build-asan SAN=1 CFLAGS="-O1 -g"

test: run-tests

run-tests: $(CLI) $(TESTS) $(REPLAYS)
	@sh tests/run-tests.sh $(BUILD)

BENCHES := $(patsubst bench/%.c,$(BUILD)/bench/%,$(sort $(wildcard bench/bench_*.c)))
EVALS   := $(patsubst eval/%.c,$(BUILD)/eval/%,$(sort $(wildcard eval/eval_*.c)))

bench: deps
	@$(MAKE) --no-print-directory all $(BENCHES)
	@sh bench/run.sh $(BUILD)

eval: deps
	@$(MAKE) --no-print-directory all $(EVALS) $(BUILD)/tools/train_tagger
	@sh eval/run.sh $(BUILD) $(SHARED)

$(BUILD)/eval/%: eval/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

# The segmenter/tagger model (data/tagger_vi.model) from UD_Vietnamese-VTB
# train + dev in $(SHARED) (see docs/SEGMENT.md).
SHARED  ?= ../shared
model: $(BUILD)/tools/train_tagger
	@sh tools/train_model.sh $(BUILD) $(SHARED)

$(BUILD)/tools/train_tagger: tools/train_tagger.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $< $(LIB) $(LDLIBS) -o $@

# Fuzzing: each target in fuzz/ built with clang's libFuzzer, ASan and UBSan
# (build-fuzz/), run for FUZZ_SECONDS (fuzz/run.sh); make check replays the
# kept crash inputs (fuzz/regressions/) through replay_TARGET.  fuzz_api
# also links the CLI's objects, main.c's with main() renamed (it builds its
# database with `attache demo` and ingests with the CLI's pipeline), and
# includes http.c.
FUZZ_OBJ_api := $(filter-out $(BUILD)/src/cli/main.o,$(CLI_OBJ)) $(BUILD)/fuzz/cli_main.o
$(BUILD)/fuzz/fuzz_api $(BUILD)/fuzz/replay_api: $(FUZZ_OBJ_api) src/serve/http.c
$(BUILD)/fuzz/cli_main.o: src/cli/main.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -Dmain=att_cli_main -c $< -o $@
$(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) fuzz/fuzz_$*.c fuzz/replay.c $(FUZZ_OBJ_$*) $(LIB) $(LDLIBS) -o $@

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) fuzz/fuzz_$*.c $(FUZZ_OBJ_$*) $(LIB) $(LDLIBS) -o $@

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build BUILD=build-fuzz CC=clang SAN=fuzz CFLAGS="-O1 -g"
	@sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
