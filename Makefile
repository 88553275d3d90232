# sangtao — build, test, run, install.  See README.md.
CC      ?= gcc
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# Messages are truncated on purpose (fixed buffers), so that warning is off.
WARN     = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral -Wno-format-truncation
OPT     ?= -O2 -g
CFLAGS  += $(CSTD) $(WARN) $(OPT) -I/usr/include/iniparser -Isrc -I$(BUILD) \
           -DSANGTAO_DATADIR='"$(PREFIX)/share/sangtao"' \
           -DSANGTAO_VERSION='"$(VERSION)"'
LDLIBS_CORE = -lsqlite3 -liniparser -lutf8proc -lcrypt -lxlsxwriter
LDLIBS_UI   = -lncursesw
VERSION  = 0.1.0

DEB_PKGS = build-essential libncurses-dev libsqlite3-dev libiniparser-dev \
           libutf8proc-dev libcrypt-dev libxlsxwriter-dev libcmocka-dev \
           tmux sqlite3 cppcheck

CORE_SRC = $(filter-out src/main.c,$(wildcard src/*.c))
DATAFILES = data/holidays.csv data/units_demo.csv
UI_SRC   = $(wildcard ui/*.c)
CORE_OBJ = $(patsubst %.c,$(BUILD)/%.o,$(CORE_SRC)) $(BUILD)/migrations.o $(BUILD)/datafiles.o
UI_OBJ   = $(patsubst %.c,$(BUILD)/%.o,$(UI_SRC))
MIGRATIONS = $(sort $(wildcard data/[0-9][0-9][0-9]_*.sql))
UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps test run lint asan install clean bench check-deps
all: $(BUILD)/sangtao

deps:
	@tools/deps.sh $(DEB_PKGS)

$(BUILD)/migrations.c: $(MIGRATIONS) tools/embed.sh
	@mkdir -p $(BUILD)
	tools/embed.sh $(MIGRATIONS) > $@

$(BUILD)/datafiles.c: $(DATAFILES) tools/embed-data.sh
	@mkdir -p $(BUILD)
	tools/embed-data.sh $(DATAFILES) > $@

$(BUILD)/%.o: $(BUILD)/%.c
	$(CC) $(CSTD) $(OPT) -c $< -o $@

$(BUILD)/src/%.o: src/%.c $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/ui/%.o: ui/%.c $(wildcard ui/*.h src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Iui -c $< -o $@

$(BUILD)/libcore.a: $(CORE_OBJ)
	rm -f $@; ar rcs $@ $^

$(BUILD)/sangtao: $(BUILD)/src/main.o $(UI_OBJ) $(BUILD)/libcore.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS_CORE) $(LDLIBS_UI)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libcore.a $(LDLIBS_CORE) -lcmocka

test: deps
	$(MAKE) --no-print-directory all tests-build
	@tools/runtests.sh $(BUILD)

tests-build: $(UNIT_TESTS)

run: deps all
	@tools/run-demo.sh $(BUILD)/sangtao

lint:
	@tools/lint.sh

asan:
	$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" all tests-build
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 tools/runtests.sh build-asan

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)/etc/sangtao $(DESTDIR)$(PREFIX)/share/sangtao
	install -m 0755 $(BUILD)/sangtao $(DESTDIR)$(PREFIX)/bin/sangtao
	install -m 0644 docs/sangtao.1 $(DESTDIR)$(PREFIX)/share/man/man1/sangtao.1
	[ -e $(DESTDIR)/etc/sangtao/config.ini ] || install -m 0644 config.ini $(DESTDIR)/etc/sangtao/config.ini
	install -m 0644 data/*.csv $(DESTDIR)$(PREFIX)/share/sangtao/

clean:
	rm -rf build build-asan
