# sangtao — build, test, run, install.  See README.md.
CC      ?= gcc
PREFIX  ?= /usr/local
DESTDIR ?=
DBDIR   ?= /var/lib/sangtao
BUILD   ?= build
# The session extension (offline exchange) is built into Debian's libsqlite3;
# its declarations need these two.
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK
# Messages are truncated on purpose (fixed buffers), so that warning is off.
WARN     = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral -Wno-format-truncation
OPT     ?= -O2 -g
CFLAGS  += $(CSTD) $(WARN) $(OPT) -I/usr/include/iniparser -Isrc -I$(BUILD) \
           -DSANGTAO_DATADIR='"$(PREFIX)/share/sangtao"' -DSANGTAO_DBDIR='"$(DBDIR)"' \
           -DSANGTAO_VERSION='"$(VERSION)"'
LDLIBS_CORE = -lsqlite3 -liniparser -lutf8proc -lcrypt -lsodium
LDLIBS_UI   = -lncursesw
# One version, the package's: the first line of debian/changelog.
VERSION := $(shell awk -F'[()]' 'NR == 1 {print $$2}' debian/changelog)

# make fuzz only (libFuzzer comes with clang); make test does not need it.
FUZZ_PKGS = clang
FUZZ_TIME ?= 30
DEB_PKGS = build-essential libncurses-dev libsqlite3-dev libiniparser-dev \
           libutf8proc-dev libcrypt-dev libxlsxwriter-dev libcmocka-dev libsodium-dev \
           tmux sqlite3 cppcheck unzip gettext
# make deb and its test (tests/deb): the standard Debian packaging tools.
PKG_PKGS = debhelper dpkg-dev fakeroot lintian
# The headers a build needs, each with its package: checked before the
# first compile, so that a machine without them hears which to install.
BUILD_HEADERS = ncursesw/curses.h:libncurses-dev sqlite3.h:libsqlite3-dev \
           iniparser.h:libiniparser-dev utf8proc.h:libutf8proc-dev crypt.h:libcrypt-dev \
           xlsxwriter.h:libxlsxwriter-dev sodium.h:libsodium-dev

SRC_DIRS = base text store flow report demo sync cli
CORE_SRC = $(foreach d,$(SRC_DIRS),$(wildcard src/$(d)/*.c))
CORE_HDR = $(foreach d,$(SRC_DIRS),$(wildcard src/$(d)/*.h))
DATAFILES = data/holidays.csv data/units_demo.csv
UI_SRC   = $(wildcard ui/*.c)
CORE_OBJ = $(patsubst %.c,$(BUILD)/%.o,$(CORE_SRC)) $(BUILD)/migrations.o $(BUILD)/datafiles.o
UI_OBJ   = $(patsubst %.c,$(BUILD)/%.o,$(UI_SRC))
MIGRATIONS = $(sort $(wildcard data/[0-9][0-9][0-9]_*.sql))
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

# A recipe that fails leaves no half-written target (e.g. migrations.c).
.DELETE_ON_ERROR:

.PHONY: all deps deb-deps deb test run lint asan install clean bench check-deps fuzz
all: $(BUILD)/sangtao $(BUILD)/locale/en/LC_MESSAGES/sangtao.mo

# The screens' English catalogue (ui.language = en), beside the binary;
# without msgfmt (package gettext) the screens stay in Vietnamese.
$(BUILD)/locale/%/LC_MESSAGES/sangtao.mo: po/%.po
	@mkdir -p $(dir $@)
	@if command -v msgfmt >/dev/null; then msgfmt --check -o $@ $<; \
	 else echo "msgfmt missing (apt-get install gettext): $@ not built"; fi

deps:
	@tools/deps.sh $(DEB_PKGS)

deb-deps:
	@tools/deps.sh $(PKG_PKGS)

# Before the first compile of a build folder: is every header there?
check-deps $(BUILD)/.headers-ok:
	@missing=""; command -v $(CC) >/dev/null 2>&1 || missing="build-essential"; \
	 for hp in $(BUILD_HEADERS); do \
	     printf '#include <%s>\n' "$${hp%%:*}" | $(CC) -E -I/usr/include/iniparser -x c - \
	         >/dev/null 2>&1 || missing="$$missing $${hp#*:}"; \
	 done; \
	 if [ -n "$$missing" ]; then \
	     echo "sangtao: thiếu gói để biên dịch (missing build packages):$$missing" >&2; \
	     echo "sangtao: hãy chạy: make deps   (installs them with apt-get)" >&2; exit 1; fi
	@mkdir -p $(BUILD) && touch $(BUILD)/.headers-ok

# The Debian package: $(BUILD)/sangtao_VERSION_ARCH.deb, built from a copy of
# the tree by dpkg-buildpackage with debian/ (tools/deb.sh); lintian after.
# A file with its inputs as prerequisites: built again only when one changed
# (make lint and make deb share it).
LINTIAN = lintian --fail-on error
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB_FILE = $(BUILD)/sangtao_$(VERSION)_$(DEB_ARCH).deb
DEB_INPUTS = Makefile config.ini $(wildcard src/*.[ch] src/*/*.[ch] ui/*.[ch] data/* po/* \
             docs/* debian/* debian/*/* tools/*)
$(DEB_FILE): $(DEB_INPUTS)
	@tools/deb.sh $(BUILD) >/dev/null
deb: deb-deps
	@$(MAKE) --no-print-directory $(DEB_FILE) && echo "$(DEB_FILE)" && $(LINTIAN) "$(DEB_FILE)"

$(BUILD)/migrations.c: $(MIGRATIONS) tools/embed.sh
	@mkdir -p $(BUILD)
	tools/embed.sh $(MIGRATIONS) > $@

$(BUILD)/datafiles.c: $(DATAFILES) tools/embed-data.sh
	@mkdir -p $(BUILD)
	tools/embed-data.sh $(DATAFILES) > $@

$(BUILD)/%.o: $(BUILD)/%.c | $(BUILD)/.headers-ok
	$(CC) $(CSTD) $(OPT) -c $< -o $@

$(BUILD)/src/%.o: src/%.c $(CORE_HDR) | $(BUILD)/.headers-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/ui/%.o: ui/%.c $(wildcard ui/*.h) $(CORE_HDR) | $(BUILD)/.headers-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Iui -c $< -o $@

$(BUILD)/libcore.a: $(CORE_OBJ)
	rm -f $@; ar rcs $@ $^

$(BUILD)/sangtao: $(BUILD)/src/main.o $(UI_OBJ) $(BUILD)/libcore.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE) $(LDLIBS_UI)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libcore.a $(LDLIBS_CORE) -lcmocka

test: deps deb-deps
	$(MAKE) --no-print-directory all tests-build
	@tools/runtests.sh $(BUILD)

tests-build: $(UNIT_TESTS) $(BUILD)/tests/multi-driver

# The many-process, kill -9 and setgid tests' driver (tests/multi/run.sh).
$(BUILD)/tests/multi-driver: tests/multi/driver.c $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libcore.a $(LDLIBS_CORE)

# make bench: a province-scale database (cached in $(BUILD)/bench) and the
# table of timings against DESIGN.md's targets.  See tests/bench/run.sh.
BENCH_BIN = $(BUILD)/bench/gen $(BUILD)/bench/corebench $(BUILD)/bench/ptydrive \
            $(BUILD)/bench/loaddrive $(BUILD)/bench/syncday
$(BENCH_BIN): $(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libcore.a $(LDLIBS_CORE) -lutil

bench: all $(BENCH_BIN)
	@tests/bench/run.sh $(BUILD)

run: deps all
	@tools/run-demo.sh $(BUILD)/sangtao

# The build on every core; then the code's checks and the package's, side
# by side (cppcheck and dpkg-buildpackage take about 20 s each).
lint:
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 2) all
	@BUILD=$(BUILD) tools/lint.sh & code=$$!; \
	 if command -v lintian >/dev/null 2>&1 && command -v dpkg-buildpackage >/dev/null 2>&1; then \
	     $(MAKE) --no-print-directory $(DEB_FILE) && $(LINTIAN) "$(DEB_FILE)" && \
	         echo "lintian: ok ($(DEB_FILE))"; pkg=$$?; \
	 else echo "lintian: skipped (make deb-deps installs it)"; pkg=0; fi; \
	 wait $$code && [ $$pkg = 0 ]

asan:
	$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" all tests-build
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 tools/runtests.sh build-asan

# libFuzzer harnesses (tests/fuzz) over a clang + ASan/UBSan build of the core.
FUZZ_WARN = -Wall -Wextra -Wno-format-nonliteral -Wno-string-concatenation
fuzz:
	@tools/deps.sh $(FUZZ_PKGS)
	$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang WARN="$(FUZZ_WARN)" \
	    OPT="-O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer" build-fuzz/libcore.a
	for f in config csv text bundle; do \
	    clang $(CSTD) $(FUZZ_WARN) -O1 -g -fsanitize=address,undefined,fuzzer -Isrc -I/usr/include/iniparser \
	        -o build-fuzz/fuzz_$$f tests/fuzz/fuzz_$$f.c build-fuzz/libcore.a $(LDLIBS_CORE) || exit 1; \
	done
	@tools/fuzz.sh build-fuzz $(FUZZ_TIME)

# setgid "sangtao", database folder $(DBDIR) 2770: see tools/install.sh.
install: all
	@tools/install.sh $(BUILD)/sangtao "$(DESTDIR)" $(PREFIX) $(DBDIR)

clean:
	rm -rf build build-asan build-fuzz
