# core_objs.sh - sourced by the bench scripts that link a timer with the
# core: prints the object files of the core's current sources. A build
# directory can hold objects of files since removed or renamed, and
# linking "$BUILD"/src/core/*.o would then define their functions twice.
# Needs SRC and BUILD.
core_objs() {
	for c in "$SRC"/src/core/*.c; do
		o=${c#"$SRC"/}
		printf '%s\n' "$BUILD/${o%.c}.o"
	done
}
