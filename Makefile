# keyworker — build, run and test.
#   make run    install what is missing, build, load the demo setting into demo.db, show it
#   make test   install the test tools, run the whole suite (normal build, ASan+UBSan, PostgreSQL, browser)
# Objects go to build/<variant>/; `kw` is copied to the top for convenience.

SHARED ?= ../shared
VARIANT ?= release
B := build/$(VARIANT)
PKGS := sqlite3 libmicrohttpd jansson libsodium libpq libcurl

CC := gcc
WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla -Werror
BASE_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -g $(WARN) -Isrc -I$(B)/gen
ifeq ($(VARIANT),asan)
OPT := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
OPT := -O2
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = $(BASE_CFLAGS) $(OPT) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(OPT) $(PKG_LIBS) -lzxcvbn -lm -lpthread $(LDLIBS)

SRC := $(wildcard src/*.c src/planner/*.c)
LIB_SRC := $(filter-out src/main.c,$(SRC))
LIB_OBJ := $(patsubst src/%.c,$(B)/%.o,$(LIB_SRC)) $(B)/gen/sql_migrations.o $(B)/gen/static_assets.o
STATIC := $(sort $(wildcard src/static/*))
SQL := $(sort $(wildcard src/sql/*.sql))
TEST_SRC := $(wildcard tests/test_*.c)
TEST_SUPPORT := $(filter-out $(TEST_SRC),$(wildcard tests/*.c))
TEST_BIN := $(patsubst tests/%.c,$(B)/tests/%,$(TEST_SRC))

.PHONY: all kw run test test-deps deps check-tests check-pg unit asan lint fmt bench fuzz clean \
	check-reliability check-security
all: kw

kw: $(B)/kw
	@if [ "$(VARIANT)" = release ]; then cp -f $(B)/kw kw; fi

deps:
	@scripts/deps.sh run

test-deps: deps
	@scripts/deps.sh test

$(B)/kw: $(B)/main.o $(B)/libkw.a
	$(CC) -o $@ $^ $(LDLIBS_ALL)

$(B)/libkw.a: $(LIB_OBJ)
	rm -f $@; ar rcs $@ $^

$(B)/%.o: src/%.c $(wildcard src/*.h src/planner/*.h) $(B)/gen/sql_migrations.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -c -o $@ $<

# Migrations are embedded: one byte array per file, in file-name order.
# (one rule makes both files: the header is made with the .c, so that a
# parallel make never runs the script twice at once)
$(B)/gen/sql_migrations.c: $(SQL) scripts/embed-sql.sh
	@mkdir -p $(B)/gen
	scripts/embed-sql.sh $(B)/gen $(SQL)

$(B)/gen/sql_migrations.h: $(B)/gen/sql_migrations.c

$(B)/gen/sql_migrations.o: $(B)/gen/sql_migrations.c
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# Web assets (CSS, the little JS) are embedded too: no CDN, no files to lose.
$(B)/gen/static_assets.c: $(STATIC) scripts/embed-static.sh
	@mkdir -p $(B)/gen
	scripts/embed-static.sh $(B)/gen $(STATIC)

$(B)/gen/static_assets.o: $(B)/gen/static_assets.c
	$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes -c -o $@ $<

$(B)/tests/%: tests/%.c $(TEST_SUPPORT) $(wildcard tests/*.h) $(B)/libkw.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(TEST_SUPPORT) $(B)/libkw.a $(LDLIBS_ALL) -lcmocka

build-tests: $(B)/kw $(TEST_BIN)

# One variant's suite; prints "N passed, N failed" at the end.
check-tests: build-tests
	@KW_SHARED=$(abspath $(SHARED)) KW_BIN=$(abspath $(B)/kw) scripts/run-tests.sh $(B) $(TEST_BIN)

# The same suite on PostgreSQL (a private cluster, started and stopped here).
check-pg: build-tests
	@KW_SHARED=$(abspath $(SHARED)) KW_BIN=$(abspath $(B)/kw) scripts/pg-tests.sh $(TEST_BIN)

# The demo lives in its own demo.db (never the default database), made anew
# each time so that its fortnight starts this week.
# `make run` ends by serving the demo on http://127.0.0.1:8080/ (Ctrl-C stops it).
run: deps kw
	@rm -f demo.db demo.db-wal demo.db-shm
	./kw --db demo.db demo
	./kw --db demo.db today
	@scripts/demo-users.sh demo.db
	@echo "Open http://127.0.0.1:8080/ and sign in with one of the demo logins above."
	./kw --db demo.db serve --listen 127.0.0.1:8080

# The whole suite: unit, store, CLI and HTTP tests in a normal build and in
# an ASan+UBSan build, the normal build's again on PostgreSQL (a private
# cluster), then the browser tests; one closing line for all.
test: test-deps
	@$(MAKE) --no-print-directory kw
	@rm -f build/release/test-counts build/asan/test-counts build/pg/test-counts build/browser/test-counts
	@$(MAKE) --no-print-directory VARIANT=release check-tests; \
	 $(MAKE) --no-print-directory VARIANT=asan check-tests; \
	 $(MAKE) --no-print-directory VARIANT=release check-pg; \
	 SHARED=$(abspath $(SHARED)) scripts/run-browser.sh; \
	 scripts/summary.sh build/release build/asan build/pg build/browser

# Reliability (issue 11): power cuts and disk faults through an SQLite VFS
# shim, damaged database files against the ASan build, SIGKILL of a serving
# kw under writes. LONG=1 runs ten times more. Prints each figure and one
# closing line for all.
$(B)/rel/powercut: tests/reliability/powercut.c tests/reliability/vfs_cut.c tests/reliability/vfs_cut.h tests/sock_client.c $(B)/libkw.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -Itests/reliability -o $@ tests/reliability/powercut.c tests/reliability/vfs_cut.c tests/sock_client.c $(B)/libkw.a $(LDLIBS_ALL)

$(B)/rel/corrupt: tests/reliability/corrupt.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LDLIBS_ALL)

$(B)/rel/crash: tests/reliability/crash.c tests/sock_client.c tests/sock_client.h $(B)/libkw.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ tests/reliability/crash.c tests/sock_client.c $(B)/libkw.a $(LDLIBS_ALL)

check-reliability: test-deps
	@$(MAKE) --no-print-directory kw $(B)/rel/powercut $(B)/rel/corrupt $(B)/rel/crash
	@$(MAKE) --no-print-directory VARIANT=asan build/asan/kw
	@LONG=$(LONG) B=$(B) scripts/reliability.sh

# sqlmap and wapiti against a served demo: by hand, not in CI.
check-security: deps kw
	@scripts/check-security.sh

lint: deps
	@scripts/lint.sh

fmt:
	clang-format -i src/*.c src/*.h src/planner/*.c src/planner/*.h tests/*.c tests/*.h tests/reliability/*.c tests/reliability/*.h fuzz/*.c

bench: deps kw
	@for b in bench/*.sh; do echo "== $$b"; SHARED=$(abspath $(SHARED)) sh $$b || exit 1; done

FUZZ_S ?= 60
fuzz: test-deps
	@FUZZ_S=$(FUZZ_S) scripts/fuzz.sh

clean:
	rm -rf build kw

-include $(shell find build/$(VARIANT) -name '*.d' 2>/dev/null)
