/* test_fields.c - the cadre's field table (fields.h), the enumerations
 * (model.h) and the JSON writer and reader (json.h): every field named
 * once, every value written and read back unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fields.h"
#include "json.h"
#include "model.h"
#include "output.h"
#include "plans.h"
#include "store.h"
#include "text.h"

static const field_def *table(size_t *n)
{
	return cadre_fields(n);
}

static void fold(const char *s, char *buf, size_t cap)
{
	assert_true(text_fold(s, buf, cap) < cap);
}

/* ---- the table ---------------------------------------------------------- */

static void test_every_field_has_a_label_a_json_and_a_csv_name(void **state)
{
	size_t n;
	const field_def *t = table(&n);
	(void)state;
	assert_int_equal(n, CADRE_F_COUNT);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(t[i].id, (int)i);
		assert_ptr_equal(cadre_field(t[i].id), &t[i]);
		assert_non_null(t[i].label);
		assert_true(t[i].label[0] != '\0');
		assert_non_null(t[i].name);
		/* the JSON key and CSV header: lower-case ASCII and '_' */
		assert_true(t[i].name[0] != '\0');
		assert_int_equal(strspn(t[i].name, "abcdefghijklmnopqrstuvwxyz_"),
				 strlen(t[i].name));
		assert_true(t[i].offset + t[i].size <= sizeof(cadre));
		if (t[i].type == FIELD_ENUM || t[i].type == FIELD_LIST)
			assert_true(t[i].choices >= 0 && t[i].choices < ENUM_COUNT);
	}
}

static void test_names_and_labels_are_unique(void **state)
{
	size_t n;
	const field_def *t = table(&n);
	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			assert_string_not_equal(t[i].name, t[j].name);
			assert_string_not_equal(t[i].label, t[j].label);
		}
}

/* Every header a field is known by - its name, its label, each alias -
 * leads the import to that field and no other. */
static void test_every_header_names_one_field(void **state)
{
	size_t n;
	const field_def *t = table(&n);
	char f[256];
	(void)state;
	for (size_t i = 0; i < n; i++) {
		fold(t[i].name, f, sizeof f);
		assert_ptr_equal(field_by_header(t, n, f), &t[i]);
		fold(t[i].label, f, sizeof f);
		assert_ptr_equal(field_by_header(t, n, f), &t[i]);
		for (const char *p = t[i].aliases; p && *p;) {
			size_t k = strcspn(p, "|");
			snprintf(f, sizeof f, "%.*s", (int)k, p);
			assert_ptr_equal(field_by_header(t, n, f), &t[i]);
			p += k + (p[k] == '|');
		}
	}
	/* headers of canbo's earlier exports and of office lists */
	assert_int_equal(field_by_header(t, n, "sex")->id, CADRE_F_GENDER);
	assert_int_equal(field_by_header(t, n, "party organisation")->id, CADRE_F_ORG);
	assert_int_equal(field_by_header(t, n, "organisation")->id, CADRE_F_ORG);
	assert_int_equal(field_by_header(t, n, "is head")->id, CADRE_F_IS_HEAD);
	assert_int_equal(field_by_header(t, n, "party joined")->id, CADRE_F_PARTY_JOINED);
	fold("Tham gia cấp ủy, tổ chức đảng", f, sizeof f);
	assert_int_equal(field_by_header(t, n, f)->id, CADRE_F_COMMITTEES);
	fold("Diện BTV Tỉnh ủy quản lý", f, sizeof f);
	assert_int_equal(field_by_header(t, n, f)->id, CADRE_F_MANAGED);
	assert_null(field_by_header(t, n, "shoe size"));
	assert_null(field_by_header(t, n, ""));
	assert_ptr_equal(field_by_name(t, n, "org"), cadre_field(CADRE_F_ORG));
	assert_null(field_by_name(t, n, "organisation"));
}

/* The data layout of find and the exports is the table, in order. */
static void test_csv_columns_are_the_table(void **state)
{
	size_t n, ncols, k = 0;
	const field_def *t = table(&n);
	const out_column *cols = out_cadre_columns(OUT_CADRE_FIND, &ncols);
	(void)state;
	for (size_t i = 0; i < n; i++) {
		if (t[i].flags & FIELD_NO_CSV)
			continue;
		assert_true(k < ncols);
		assert_string_equal(cols[k].key, t[i].name);
		k++;
	}
	assert_int_equal(k, ncols);
	assert_string_equal(cols[0].key, "id");
	assert_int_equal(cols[cadre_field(CADRE_F_MANAGED)->id].type, OUT_BOOL);
}

/* ---- values ------------------------------------------------------------- */

/* Writes f of c in the code form, reads it into a blank cadre, and
 * checks the value came back. */
static void round_trip(const field_def *f, const cadre *c)
{
	char buf[CADRE_NOTES_MAX], again[CADRE_NOTES_MAX];
	cadre back;
	cb_error err = {0};
	memset(&back, 0, sizeof back);
	const char *text = field_format(f, c, FIELD_CODE, buf, sizeof buf);
	assert_int_equal(field_parse(f, &back, text, &err), CB_OK);
	if (f->type == FIELD_TEXT || f->type == FIELD_DATE)
		assert_string_equal((const char *)&back + f->offset, (const char *)c + f->offset);
	else
		assert_int_equal(field_int(f, &back), field_int(f, c));
	assert_string_equal(field_format(f, &back, FIELD_CODE, again, sizeof again), text);
}

static void test_every_enumeration_value_round_trips(void **state)
{
	size_t n;
	const field_def *t = table(&n);
	(void)state;
	for (size_t i = 0; i < n; i++) {
		int nch;
		const model_choice *ch;
		cadre c;
		if (t[i].type != FIELD_ENUM || (t[i].flags & FIELD_DERIVED))
			continue;
		ch = model_choices(t[i].choices, &nch);
		assert_true(nch > 0);
		for (int k = 0; k < nch; k++) {
			memset(&c, 0, sizeof c);
			memcpy((char *)&c + t[i].offset, &ch[k].value, sizeof(int));
			round_trip(&t[i], &c);
			/* and by its English label too */
			cadre back;
			memset(&back, 0, sizeof back);
			assert_int_equal(field_parse(&t[i], &back, ch[k].label, NULL), CB_OK);
			assert_int_equal(field_int(&t[i], &back), ch[k].value);
		}
	}
}

static void test_every_set_of_committees_round_trips(void **state)
{
	const field_def *f = cadre_field(CADRE_F_COMMITTEES);
	int nch, all = 0;
	const model_choice *ch = model_choices(ENUM_COMMITTEE, &nch);
	cadre c;
	char buf[512];
	(void)state;
	for (int k = 0; k < nch; k++)
		all |= ch[k].value;
	for (int bits = 0; bits <= all; bits++) {
		if (bits & ~all)
			continue;
		memset(&c, 0, sizeof c);
		c.committees = bits;
		round_trip(f, &c);
	}
	c.committees = 1 | 8;
	assert_string_equal(field_format(f, &c, FIELD_CODE, buf, sizeof buf),
			    "province-committee; inspection");
	assert_int_equal(field_parse(f, &c, "province-committee; no-such", NULL), CB_EINVALID);
	assert_int_equal(c.committees, 1 | 8); /* unchanged */
}

static void test_dates_bools_and_texts_round_trip(void **state)
{
	static const char *const dates[] = {"1965-01-01", "1980-02-29", "2001-12-31", ""};
	cadre c, back;
	char buf[64];
	cb_error err = {0};
	(void)state;
	memset(&c, 0, sizeof c);
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		snprintf(c.birth_date, sizeof c.birth_date, "%s", dates[i]);
		snprintf(c.party_joined, sizeof c.party_joined, "%s", dates[i]);
		round_trip(cadre_field(CADRE_F_BIRTH_DATE), &c);
		round_trip(cadre_field(CADRE_F_PARTY_JOINED), &c);
	}
	/* people's form: dd/mm/yyyy, read back as well */
	snprintf(c.birth_date, sizeof c.birth_date, "1980-02-29");
	assert_string_equal(
		field_format(cadre_field(CADRE_F_BIRTH_DATE), &c, FIELD_HUMAN, buf, sizeof buf),
		"29/02/1980");
	memset(&back, 0, sizeof back);
	assert_int_equal(field_parse(cadre_field(CADRE_F_BIRTH_DATE), &back, buf, &err), CB_OK);
	assert_string_equal(back.birth_date, "1980-02-29");
	assert_int_equal(field_parse(cadre_field(CADRE_F_BIRTH_DATE), &back, "31/02/1980", &err),
			 CB_EINVALID);
	assert_string_equal(back.birth_date, "1980-02-29");
	for (int v = 0; v <= 1; v++) {
		c.managed = v;
		c.is_head = !v;
		round_trip(cadre_field(CADRE_F_MANAGED), &c);
		round_trip(cadre_field(CADRE_F_IS_HEAD), &c);
	}
	snprintf(c.notes, sizeof c.notes, "Hai dòng,\n\"có ngoặc\"; và dấu chấm phẩy");
	snprintf(c.full_name, sizeof c.full_name, "Nguyễn Thị Ánh Tuyết");
	round_trip(cadre_field(CADRE_F_NOTES), &c);
	round_trip(cadre_field(CADRE_F_FULL_NAME), &c);
	/* a text too long for its field is refused, not cut */
	char longname[CADRE_NAME_MAX + 8];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(field_parse(cadre_field(CADRE_F_FULL_NAME), &c, longname, &err),
			 CB_EINVALID);
	assert_string_equal(c.full_name, "Nguyễn Thị Ánh Tuyết");
}

static void test_derived_fields_are_written_not_read(void **state)
{
	cadre c;
	char buf[64];
	cb_error err = {0};
	(void)state;
	memset(&c, 0, sizeof c);
	c.id = 42;
	c.level = 3;
	snprintf(c.commune_name, sizeof c.commune_name, "Xã Lộc Giang");
	assert_string_equal(field_format(cadre_field(CADRE_F_ID), &c, FIELD_CODE, buf, sizeof buf),
			    "42");
	assert_string_equal(
		field_format(cadre_field(CADRE_F_LEVEL), &c, FIELD_CODE, buf, sizeof buf),
		"commune");
	c.commune_name[0] = '\0';
	assert_string_equal(
		field_format(cadre_field(CADRE_F_LEVEL), &c, FIELD_CODE, buf, sizeof buf),
		"district");
	c.level = 1;
	assert_string_equal(
		field_format(cadre_field(CADRE_F_LEVEL), &c, FIELD_CODE, buf, sizeof buf),
		"province");
	assert_int_equal(field_parse(cadre_field(CADRE_F_ID), &c, "7", &err), CB_EINVALID);
	assert_int_equal(c.id, 42);
	assert_int_equal(field_parse(cadre_field(CADRE_F_LEVEL), &c, "district", &err),
			 CB_EINVALID);
}

/* ---- JSON --------------------------------------------------------------- */

static void test_a_cadre_as_json_reads_back(void **state)
{
	size_t n;
	const field_def *t = table(&n);
	cadre c;
	json_buf b;
	json_member m[64];
	char *text;
	(void)state;
	memset(&c, 0, sizeof c);
	c.id = 7;
	c.version = 3;
	snprintf(c.full_name, sizeof c.full_name, "Lê \"Văn\" Tám\n");
	snprintf(c.birth_date, sizeof c.birth_date, "1970-01-20");
	c.gender = 2;
	c.managed = true;
	c.committees = 2 | 4;
	json_begin(&b);
	fields_json(&b, t, n, &c);
	assert_non_null(text = json_end(&b));
	int k = json_flat(text, m, 64);
	assert_int_equal(k, (int)n);
	assert_string_equal(json_get(m, k, "id"), "7");
	assert_string_equal(json_get(m, k, "version"), "3");
	assert_string_equal(json_get(m, k, "full_name"), "Lê \"Văn\" Tám\n");
	assert_string_equal(json_get(m, k, "gender"), "female");
	assert_string_equal(json_get(m, k, "managed"), "true");
	assert_string_equal(json_get(m, k, "is_head"), "false");
	assert_string_equal(json_get(m, k, "committees"),
			    "[\"district-committee\",\"grassroots-committee\"]");
	assert_string_equal(json_get(m, k, "party_joined"), "");
	assert_null(json_get(m, k, "organisation"));
	/* the history's reading of the stored values */
	char buf[256];
	assert_string_equal(
		field_human_of_json(cadre_field(CADRE_F_MANAGED), "true", buf, sizeof buf), "Yes");
	assert_string_equal(field_human_of_json(cadre_field(CADRE_F_COMMITTEES),
						json_get(m, k, "committees"), buf, sizeof buf),
			    "District party committee member; Grassroots party committee member");
	assert_string_equal(field_human_of_json(cadre_field(CADRE_F_GENDER), "2", buf, sizeof buf),
			    "Female");
	assert_string_equal(
		field_human_of_json(cadre_field(CADRE_F_LEVEL), "commune", buf, sizeof buf),
		"Commune level");
	assert_null(field_human_of_json(cadre_field(CADRE_F_GENDER), "other", buf, sizeof buf));
	free(text);
}

static void test_json_strings_are_valid_for_any_bytes(void **state)
{
	json_buf b;
	json_member m[4];
	char *text;
	(void)state;
	json_begin(&b);
	json_str(&b, "a", "tab\there \x01 bad\xff end");
	json_str(&b, "b", "Ω 😀");
	json_int(&b, "c", -12);
	json_bool(&b, "d", false);
	assert_non_null(text = json_end(&b));
	assert_string_equal(text, "{\"a\":\"tab\\there \\u0001 bad\\ufffd end\",\"b\":\"Ω 😀\","
				  "\"c\":-12,\"d\":false}");
	assert_int_equal(json_flat(text, m, 4), 4);
	assert_string_equal(m[0].val, "tab\there \x01 bad\xef\xbf\xbd end");
	assert_true(m[0].string);
	assert_false(m[2].string);
	free(text);
	/* escapes of other writers: a surrogate pair, a lone surrogate */
	assert_int_equal(
		json_flat("{ \"x\" : \"\\ud83d\\ude00\\u00e9\\ud800\" , \"y\": [1, {\"z\": 2}] }",
			  m, 4),
		2);
	assert_string_equal(m[0].val, "😀é\xef\xbf\xbd");
	assert_string_equal(m[1].val, "[1, {\"z\": 2}]");
	assert_int_equal(json_flat("not json", m, 4), 0);
	assert_int_equal(json_flat(NULL, m, 4), 0);
}

/* One buffer written again and again (json_restart ... json_close) gives
 * each object's text as a fresh buffer would: nothing of a longer object
 * before is left after a shorter one. */
static void test_a_reused_buffer_writes_each_cadre_alike(void **state)
{
	cadre c[2];
	json_buf b = {0};
	(void)state;
	memset(c, 0, sizeof c);
	c[0].id = 12345;
	snprintf(c[0].full_name, sizeof c[0].full_name, "Nguyễn Thị Minh Khai \"Hà Nội\"");
	snprintf(c[0].notes, sizeof c[0].notes, "%0300d", 7);
	c[0].committees = 2 | 4;
	c[1].id = 8;
	snprintf(c[1].full_name, sizeof c[1].full_name, "Lê Văn A");
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 2; i++) {
			char *fresh = cadre_to_json(&c[i]);
			const char *text;
			assert_non_null(fresh);
			json_restart(&b);
			cadre_json_members(&b, &c[i]);
			assert_non_null(text = json_close(&b));
			assert_string_equal(text, fresh);
			assert_int_equal(b.n, strlen(fresh));
			free(fresh);
		}
	free(b.p);
}

/* ---- the one enumeration mechanism --------------------------------------- */

static void test_choice_sets_of_any_table(void **state)
{
	int n, bits = 0;
	const model_choice *ch = plans_choices(PLANS_SOURCE, &n);
	char buf[256];
	(void)state;
	assert_true(plans_sources_parse("self,superior", &bits));
	assert_int_equal(bits, 3);
	plans_sources_format(bits, false, buf, sizeof buf);
	assert_string_equal(buf, "self,superior");
	assert_false(plans_sources_parse("", &bits));
	assert_false(plans_sources_parse("self,nobody", &bits));
	assert_int_equal(bits, 3);
	choice_bits_format(ch, n, 5, true, " | ", buf, sizeof buf);
	assert_string_equal(buf, "Self-identified at the year-end review | Suggested for review");
	assert_true(choice_bits_parse(ch, n, "suggested; self", &bits));
	assert_int_equal(bits, 5);
	assert_string_equal(plans_name(PLANS_STATUS, PLAN_ST_OVERDUE), "overdue");
	assert_string_equal(model_name(ENUM_GENDER, 9), "");
	assert_string_equal(model_label(ENUM_GENDER, 9), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_field_has_a_label_a_json_and_a_csv_name),
		cmocka_unit_test(test_names_and_labels_are_unique),
		cmocka_unit_test(test_every_header_names_one_field),
		cmocka_unit_test(test_csv_columns_are_the_table),
		cmocka_unit_test(test_every_enumeration_value_round_trips),
		cmocka_unit_test(test_every_set_of_committees_round_trips),
		cmocka_unit_test(test_dates_bools_and_texts_round_trip),
		cmocka_unit_test(test_derived_fields_are_written_not_read),
		cmocka_unit_test(test_a_cadre_as_json_reads_back),
		cmocka_unit_test(test_json_strings_are_valid_for_any_bytes),
		cmocka_unit_test(test_a_reused_buffer_writes_each_cadre_alike),
		cmocka_unit_test(test_choice_sets_of_any_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
