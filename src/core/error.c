/* error.c - the cb_error helpers. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

#include "i18n.h"

int cb_error_set(cb_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void cb_error_clear(cb_error *err)
{
	if (err) {
		err->code = CB_OK;
		err->msg[0] = '\0';
	}
}

int cb_error_oom(cb_error *err)
{
	return cb_error_set(err, CB_ENOMEM, "%s", _("Out of memory"));
}

int cb_exit_code(int status)
{
	switch (status) {
	case CB_OK:
	case CB_NOT_FOUND:
	case CB_EUSAGE:
	case CB_ECONFIG:
	case CB_EDB:
		return status;
	case CB_EINVALID:
		return 2;
	case CB_ESTALE:
		return 4;
	case CB_EACCESS:
		return 5;
	case CB_STOPPED:
	case CB_ENOMEM:
		return 4;
	default:
		return 4;
	}
}
