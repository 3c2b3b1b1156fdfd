/* listview_mark.c - the marks of a list view: a set of row identities
 * (record ids), kept sorted, and the operations of mc, htop and VisiData
 * on it: mark one, mark every row shown, unmark all, invert.
 *
 * Guarantees: marking every row of a keyset list of a million rows reads
 * it a chunk at a time and merges sorted arrays (n log n), never one
 * insertion per row; a failed read or allocation leaves the marks as
 * they were.
 */
#include "listview_internal.h"

#include <stdlib.h>
#include <string.h>

#define MARK_CHUNK 1000

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static size_t lower_bound(const ui_marks *m, int64_t id)
{
	size_t a = 0, b = m->n;
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (m->ids[mid] < id)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

bool ui_marks_has(const ui_marks *m, int64_t id)
{
	size_t i = lower_bound(m, id);
	return i < m->n && m->ids[i] == id;
}

bool ui_marks_toggle(ui_marks *m, int64_t id)
{
	size_t i = lower_bound(m, id);

	if (i < m->n && m->ids[i] == id) {
		memmove(m->ids + i, m->ids + i + 1, (m->n - i - 1) * sizeof *m->ids);
		m->n--;
		return true;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		int64_t *v = realloc(m->ids, cap * sizeof *v);
		if (!v)
			return false;
		m->ids = v;
		m->cap = cap;
	}
	memmove(m->ids + i + 1, m->ids + i, (m->n - i) * sizeof *m->ids);
	m->ids[i] = id;
	m->n++;
	return true;
}

void ui_marks_clear(ui_marks *m)
{
	m->n = 0;
}

void ui_marks_free(ui_marks *m)
{
	free(m->ids);
	*m = (ui_marks){0};
}

/* Sorts and removes duplicates. */
static size_t sort_unique(int64_t *v, size_t n)
{
	size_t k = 0;

	if (!n)
		return 0;
	qsort(v, n, sizeof *v, cmp_id);
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[k])
			v[++k] = v[i];
	return k + 1;
}

/* marks := marks | shown (invert: marks ^ shown); shown sorted, unique. */
static bool merge(ui_marks *m, const int64_t *shown, size_t ns, bool invert)
{
	int64_t *out = malloc((m->n + ns + 1) * sizeof *out);
	size_t i = 0, j = 0, k = 0;

	if (!out)
		return false;
	while (i < m->n || j < ns) {
		if (j == ns || (i < m->n && m->ids[i] < shown[j]))
			out[k++] = m->ids[i++];
		else if (i == m->n || shown[j] < m->ids[i])
			out[k++] = shown[j++];
		else { /* in both */
			if (!invert)
				out[k++] = m->ids[i];
			i++;
			j++;
		}
	}
	free(m->ids);
	m->ids = out;
	m->n = k;
	m->cap = m->n + ns + 1;
	return true;
}

bool ui_marks_rows(ui_marks *m, const ui_listview_rows *r, int64_t (*id_of)(const void *row),
		   bool invert)
{
	int64_t *shown = NULL;
	size_t ns = 0, cap = 0;
	bool ok = true;

	if (!r->src) {
		if (r->n && !(shown = malloc(r->n * sizeof *shown)))
			return false;
		for (size_t i = 0; i < r->n; i++) {
			int64_t id = id_of((const unsigned char *)r->rows + i * r->row_size);
			if (id)
				shown[ns++] = id;
		}
	} else {
		unsigned char *buf = malloc(MARK_CHUNK * r->src->row_size);
		int64_t after = UI_LIST_START;
		cb_error err = {0};
		size_t got = 0;
		if (!buf)
			return false;
		do {
			if (r->src->fetch(r->src->ctx, after, false, MARK_CHUNK, buf, &got, &err) !=
			    CB_OK) {
				ok = false;
				break;
			}
			if (ns + got > cap) {
				size_t nc = cap ? cap * 2 : MARK_CHUNK * 4;
				int64_t *v;
				while (nc < ns + got)
					nc *= 2;
				if (!(v = realloc(shown, nc * sizeof *v))) {
					ok = false;
					break;
				}
				shown = v;
				cap = nc;
			}
			for (size_t i = 0; i < got; i++) {
				int64_t id = id_of(buf + i * r->src->row_size);
				if (id)
					shown[ns++] = id;
			}
			if (got)
				after = r->src->key_of(r->src->ctx,
						       buf + (got - 1) * r->src->row_size);
		} while (got == MARK_CHUNK);
		free(buf);
	}
	if (ok)
		ok = merge(m, shown, sort_unique(shown, ns), invert);
	free(shown);
	return ok;
}
