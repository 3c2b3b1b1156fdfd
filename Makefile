# canbo - cadre list, breakdowns against targets, action plans.
# `make run` builds a demo province and opens it; `make check` runs every test.
# Both install the Debian packages they need when run as root (or via sudo).

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
LOCALEDIR  ?= $(DATADIR)/locale
SYSCONFDIR ?= /etc
DESTDIR    ?=
BUILD      ?= build
VERSION    := 0.1.0

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS    := ncursesw menuw formw panelw sqlite3 libutf8proc libsodium xlsxwriter
DEPS_OK := $(BUILD)/.deps-ok

# pkg-config is asked lazily (=) so that a first run can install it.
PKG_CFLAGS = $(filter-out -D%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
# SQLite first: the loader looks each of its 1 600 relocations up in the
# libraries in this order, and most are SQLite's own functions or libc's;
# curses, which a command line never calls, last. -O1: a shorter symbol
# table for the loader to search.
PKG_LIBS   = $(shell pkg-config --libs sqlite3 libutf8proc libsodium ncursesw menuw formw panelw 2>/dev/null) -Wl,-O1
# libxlsxwriter is opened on first use (src/core/xlsx_lib.h), by the name
# its package installs: linked, it would cost every command's start.
XLSX_SONAME = $(shell objdump -p "$$($(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | awk '/SONAME/ { print $$2 }')
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
# gcc warns about every snprintf into a fixed buffer; lengths are checked on entry.
WARN      += $(if $(findstring clang,$(shell $(CC) --version 2>/dev/null)),,-Wno-format-truncation)
# SQLite's session extension (sync.h): Debian's libsqlite3 is built with
# it; its declarations in sqlite3.h need these two macros.
ALL_CFLAGS = -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK \
             $(WARN) -Iinclude $(PKG_CFLAGS) \
             -DCANBO_VERSION='"$(VERSION)"' -DCANBO_LOCALEDIR='"$(LOCALEDIR)"' \
             -DCANBO_SYSCONFDIR='"$(SYSCONFDIR)"' \
             $(if $(XLSX_SONAME),-DCANBO_XLSX_SONAME='"$(XLSX_SONAME)"') $(CFLAGS)
LIBS       = $(PKG_LIBS) -lm -pthread

CORE_SRC := $(sort $(wildcard src/core/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UI_SRC   := $(sort $(wildcard src/ui/*.c))
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
APP_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o) $(UI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
UI_UNIT_SRC := $(filter tests/unit/test_ui_%.c,$(UNIT_SRC))
PO       := $(wildcard po/*.po)
MO       := $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/canbo.mo)
BIN      := $(BUILD)/canbo
DEMO_DB  := $(BUILD)/demo.db

.PHONY: all run check test unit e2e bench bench-import unit-bin asan valgrind install install-server uninstall clean deps test-deps pot format format-check man FORCE

all: $(BIN) $(MO)

# ---- dependencies ---------------------------------------------------------
# DEB_PKGS build and run canbo; TEST_PKGS are needed only by `make check`,
# `make asan` and `make valgrind`, so `make run` stays small.
DEB_PKGS  := gcc make pkg-config libncurses-dev libsqlite3-dev \
             libutf8proc-dev libsodium-dev libxlsxwriter-dev zlib1g-dev gettext
TEST_PKGS := libcmocka-dev tmux sqlite3 procps time groff-base mandoc valgrind clang libclang-rt-14-dev \
             python3-openpyxl clang-format
TEST_DEPS_OK := $(BUILD)/.test-deps-ok

# install_missing PACKAGES: installs those not yet installed, as root or
# through sudo, with apt's own progress; otherwise names them and stops.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "canbo: missing Debian packages:$$missing"; echo "install them with: apt-get install$$missing"; exit 1; fi; \
	  echo "canbo: installing Debian packages:$$missing"; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing || \
	  { $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; } || \
	  { echo "canbo: could not install:$$missing"; exit 1; }; \
	fi
endef

deps: $(DEPS_OK)
$(DEPS_OK):
	$(call install_missing,$(DEB_PKGS))
	@mkdir -p $(BUILD) && touch $@

test-deps: $(TEST_DEPS_OK)
$(TEST_DEPS_OK): $(DEPS_OK)
	$(call install_missing,$(TEST_PKGS))
	@mkdir -p $(BUILD) && touch $@

# The installed paths are compiled in; this stamp changes when they do, so
# `make install PREFIX=/usr` after a plain `make` rebuilds what holds them.
PATHS_STAMP := $(BUILD)/.paths
$(PATHS_STAMP): FORCE
	@mkdir -p $(BUILD)
	@echo '$(LOCALEDIR) $(SYSCONFDIR) $(VERSION)' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
FORCE:
$(BUILD)/src/core/i18n.o $(BUILD)/src/core/config.o $(BUILD)/src/cli/main.o \
  $(BUILD)/src/ui/screen_about.o: $(PATHS_STAMP)

# ---- build ----------------------------------------------------------------
$(BUILD)/%.o: %.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BIN): $(CORE_OBJ) $(APP_OBJ)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(BUILD)/locale/%/LC_MESSAGES/canbo.mo: po/%.po $(DEPS_OK)
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# UI unit tests link the UI objects (but not main); core tests only the core.
UI_LIB_OBJ := $(UI_SRC:%.c=$(BUILD)/%.o)
$(BUILD)/tests/test_ui_%: tests/unit/test_ui_%.c $(CORE_OBJ) $(UI_LIB_OBJ) | $(TEST_DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $^ $(LIBS) $(CMOCKA_LIBS) $(LDFLAGS)
$(BUILD)/tests/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(CORE_OBJ) | $(TEST_DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $(filter %.c %.o,$^) $(LIBS) $(CMOCKA_LIBS) $(LDFLAGS)

# ---- run and test ---------------------------------------------------------
$(DEMO_DB): | $(BIN)
	./$(BIN) demo --config config --db $@ --cadres 5000 --seed 1

run: all $(DEMO_DB)
	./$(BIN) --config config --db $(DEMO_DB)

# Unit tests first, then the terminal tests (one after the other under -j).
# The program and the hundred-odd test programs are compiled on every
# processor first; the unit suites then run side by side, one per
# processor (tests/unit/run.sh), and so do the terminal tests.
JOBS := $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)

check test:
	@$(MAKE) --no-print-directory -j$(JOBS) all unit-bin
	@$(MAKE) --no-print-directory format-check
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory e2e

# The test programs alone, named by the make that builds them (its BUILD).
unit-bin: $(UNIT_BIN)

unit: $(UNIT_BIN) $(MO)
	@CANBO_SOURCE_DIR=$(CURDIR) CANBO_LOCALEDIR=$(CURDIR)/$(BUILD)/locale sh tests/unit/run.sh $(UNIT_BIN)

e2e: all $(TEST_DEPS_OK)
	@BIN=$(CURDIR)/$(BIN) BUILD=$(CURDIR)/$(BUILD) sh tests/e2e/run.sh

# Three sizes, so that the last table can say how each figure grows.
BENCH_SIZES ?= 10000 100000 1000000
bench: all $(TEST_DEPS_OK)
	@BIN=$(CURDIR)/$(BIN) BUILD=$(CURDIR)/$(BUILD) BENCH_LIBS="$(LIBS)" \
		BENCH_SIZES="$(BENCH_SIZES)" sh tests/bench/run.sh | tee $(BUILD)/bench.log
	@awk -f tests/bench/growth.awk $(BUILD)/bench.log

# The import part of the bench alone (100 000 rows).
bench-import: all $(TEST_DEPS_OK)
	@BIN=$(CURDIR)/$(BIN) BUILD=$(CURDIR)/$(BUILD) sh tests/bench/import.sh

# AddressSanitizer + UBSan build in its own directory, then the whole suite.
# Leak checking stays on for the unit tests; the terminal tests kill the
# program with signals, and LeakSanitizer's exit-time scan can then spin
# with the terminal gone, so there it is off (valgrind covers leaks).
ASAN_MAKE = $(MAKE) BUILD=build-asan CC=clang \
	  CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	  LDFLAGS='-fsanitize=address,undefined'
asan:
	$(ASAN_MAKE) -j$(JOBS) all unit-bin
	$(ASAN_MAKE) unit
	ASAN_OPTIONS=detect_leaks=0 $(ASAN_MAKE) e2e

valgrind: $(TEST_DEPS_OK) $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do CANBO_SOURCE_DIR=$(CURDIR) CANBO_LOCALEDIR=$(CURDIR)/$(BUILD)/locale valgrind -q --error-exitcode=9 --leak-check=full $$t >/dev/null; echo "valgrind ok: $$t"; done

# The SCREENS section of canbo(1) is written from the key table; run this
# after changing a key and commit the page (test_ui_keys_man checks it).
MAN_KEYS := $(BUILD)/man-keys
$(MAN_KEYS): src/tools/man_keys.c $(CORE_OBJ) $(UI_LIB_OBJ)
	@echo "  LD $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)
man: $(MAN_KEYS)
	$(MAN_KEYS) < man/canbo.1 > man/canbo.1.new && mv man/canbo.1.new man/canbo.1

pot:
	xgettext -k_ -kN_ --from-code=UTF-8 -o po/canbo.pot $(CORE_SRC) $(CLI_SRC) $(UI_SRC) include/*.h

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(DATADIR)/canbo/config/districts $(DESTDIR)$(DATADIR)/canbo/config/tay-ninh \
	  $(DESTDIR)$(DATADIR)/canbo/config/reports
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/canbo
	install -m 644 man/canbo.1 $(DESTDIR)$(MANDIR)/man1/canbo.1
	install -m 644 man/canbo.ini.5 $(DESTDIR)$(MANDIR)/man5/canbo.ini.5
	install -m 644 config/*.ini $(DESTDIR)$(DATADIR)/canbo/config/
	install -m 644 config/districts/*.ini $(DESTDIR)$(DATADIR)/canbo/config/districts/
	install -m 644 config/tay-ninh/*.ini $(DESTDIR)$(DATADIR)/canbo/config/tay-ninh/
	install -m 644 config/reports/*.ini $(DESTDIR)$(DATADIR)/canbo/config/reports/
	for mo in $(MO); do l=$${mo#$(BUILD)/locale/}; l=$${l%%/*}; \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	  install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/canbo.mo; done

# The server deployment (canbo(1), SERVER): users reach the data only
# through canbo, installed setgid to CANBO_GROUP, which alone may enter
# DATA_DIR (2770) and open its databases (0660); the configuration lives in
# SYSCONFDIR/canbo, owned by root and writable by nobody else. An existing
# configuration or database is left as it is. Run as root.
CANBO_GROUP ?= canbo
DATA_DIR    ?= /var/lib/canbo
install-server: install
	getent group $(CANBO_GROUP) >/dev/null || groupadd --system $(CANBO_GROUP)
	chown root:$(CANBO_GROUP) $(DESTDIR)$(BINDIR)/canbo
	chmod 2755 $(DESTDIR)$(BINDIR)/canbo
	install -d -o root -g $(CANBO_GROUP) -m 2770 $(DESTDIR)$(DATA_DIR)
	install -d -o root -g root -m 755 $(DESTDIR)$(SYSCONFDIR)/canbo $(DESTDIR)$(SYSCONFDIR)/canbo/districts
	if [ ! -e $(DESTDIR)$(SYSCONFDIR)/canbo/canbo.ini ]; then \
	  sed 's|^database = .*|database = $(DATA_DIR)/canbo.db|' config/canbo.ini > $(DESTDIR)$(SYSCONFDIR)/canbo/canbo.ini; \
	  install -m 644 -o root -g root config/manifestations.ini $(DESTDIR)$(SYSCONFDIR)/canbo/; \
	  install -m 644 -o root -g root config/districts/*.ini $(DESTDIR)$(SYSCONFDIR)/canbo/districts/; \
	  chown root:root $(DESTDIR)$(SYSCONFDIR)/canbo/canbo.ini; chmod 644 $(DESTDIR)$(SYSCONFDIR)/canbo/canbo.ini; \
	fi
	# the database and its write-ahead log are laid by root through the
	# installed program, so that they are root's and the group's, never a user's
	if [ -z "$(DESTDIR)" ]; then \
	  [ -e $(DATA_DIR)/canbo.db ] || $(BINDIR)/canbo init; \
	  chgrp $(CANBO_GROUP) $(DATA_DIR)/canbo.db && chmod 660 $(DATA_DIR)/canbo.db; \
	  $(BINDIR)/canbo audit verify; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/canbo $(DESTDIR)$(MANDIR)/man1/canbo.1 $(DESTDIR)$(MANDIR)/man5/canbo.ini.5
	rm -rf $(DESTDIR)$(DATADIR)/canbo
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/canbo.mo

# The layout of every C file is .clang-format's; `make format` applies it,
# `make check` refuses a file that differs.
FORMAT_SRC = $(wildcard src/*/*.c src/*/*.h include/*.h tests/unit/*.c tests/unit/*.h tests/bench/*.c)
format:
	clang-format -i $(FORMAT_SRC)

format-check: $(TEST_DEPS_OK)
	@clang-format --dry-run -Werror $(FORMAT_SRC) && echo "format: every file as .clang-format says"

clean:
	rm -rf $(BUILD) build-asan

-include $(CORE_OBJ:.o=.d) $(APP_OBJ:.o=.d)
