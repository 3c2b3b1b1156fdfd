#!/bin/sh
# A module's private header (NAME_internal.h) is included only by the
# module's own files: those named after it (store_*.c and store.c for
# store_internal.h) or, for a directory's own header (src/ui/ui_internal.h),
# the files of that directory. Other modules go through include/.
. "$CANBO_SOURCE_DIR/tests/e2e/lib.sh"
bad=""
for f in $(find "$SRC/src" "$SRC/include" "$SRC/tests" -name '*.[ch]'); do
	for h in $(sed -n 's/^#include "\([a-z_]*_internal\.h\)".*/\1/p' "$f"); do
		module=${h%%_*}
		dir=$(dirname "$f")
		name=$(basename "$f")
		case "$name" in "$module"_* | "$module".c) continue ;; esac
		[ "$(basename "$dir")" = "$module" ] && continue
		bad="$bad
  $f includes $h"
	done
done
[ -z "$bad" ] || fail "private headers included outside their module:$bad"
echo "layers ok"
