/* import_file.c - reading the file an import is given: its bytes, then
 * (for the imports of other records than cadres) its text in UTF-8. The
 * cadre import decodes inside its own report (import.c), line by line. */
#include "record_import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "huge_heap.h"
#include "i18n.h"
#include "text.h"

int import_read_bytes(const char *path, char **out, size_t *len, cb_error *err)
{
	struct stat sb;
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	*out = NULL;
	if (!f)
		return cb_error_set(err, CB_EINVALID, _("Cannot read %s: %s"), path,
				    strerror(errno));
	if (fstat(fileno(f), &sb) != 0 || S_ISDIR(sb.st_mode)) {
		fclose(f);
		return cb_error_set(err, CB_EINVALID, _("Cannot read %s: %s"), path,
				    _("it is a directory"));
	}
	if ((unsigned long long)sb.st_size > IMPORT_MAX_BYTES) {
		fclose(f);
		return cb_error_set(err, CB_EINVALID, _("%s is larger than %u MB; split it"), path,
				    IMPORT_MAX_BYTES >> 20);
	}
	if (!(buf = huge_alloc((size_t)sb.st_size + 1))) {
		fclose(f);
		return cb_error_set(err, CB_EDB, "%s", _("Out of memory"));
	}
	n = fread(buf, 1, (size_t)sb.st_size, f);
	if (ferror(f) || n != (size_t)sb.st_size) {
		fclose(f);
		free(buf);
		return cb_error_set(err, CB_EINVALID, _("Cannot read %s: %s"), path,
				    strerror(errno));
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return CB_OK;
}

int import_read_utf8(const char *path, text_encoding enc, char **text, size_t *len,
		     text_encoding *enc_out, cb_error *err)
{
	char *bytes;
	size_t n;
	int rc;

	*text = NULL;
	if ((rc = import_read_bytes(path, &bytes, &n, err)))
		return rc;
	if (enc == TEXT_ENC_UNKNOWN)
		enc = text_detect_encoding(bytes, n);
	if (enc == TEXT_ENC_UTF8 && n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		enc = TEXT_ENC_UTF8_BOM;
	*enc_out = enc;
	rc = text_from_legacy(bytes, n, enc, text, err);
	free(bytes);
	if (rc == CB_OK)
		*len = strlen(*text);
	return rc;
}
