/* xlsx_lib.c - libxlsxwriter opened on first use (xlsx_lib.h). */
#include "xlsx_lib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#ifndef CANBO_XLSX_SONAME
#define CANBO_XLSX_SONAME "libxlsxwriter.so.4"
#endif

static xlsx_lib table;
static bool loaded;
static char reason[256];

const xlsx_lib *xlsx_lib_load(const char **why)
{
	void *h;

	if (loaded)
		return &table;
	if (why)
		*why = reason;
	if (!(h = dlopen(CANBO_XLSX_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		const char *e = dlerror();
		snprintf(reason, sizeof reason, "%s", e ? e : CANBO_XLSX_SONAME);
		return NULL;
	}
	/* POSIX's way to turn dlsym's object pointer into a function pointer:
	 * copy the bytes (a cast between the two is not defined by C) */
#define XLSX_SYMBOL(name)                                                                          \
	{                                                                                          \
		void *p = dlsym(h, #name);                                                         \
		if (!p) {                                                                          \
			snprintf(reason, sizeof reason, "%s: %s", CANBO_XLSX_SONAME, #name);       \
			dlclose(h);                                                                \
			return NULL;                                                               \
		}                                                                                  \
		memcpy(&table.name, &p, sizeof p);                                                 \
	}
	XLSX_FUNCTIONS(XLSX_SYMBOL)
#undef XLSX_SYMBOL
	loaded = true;
	return &table;
}
