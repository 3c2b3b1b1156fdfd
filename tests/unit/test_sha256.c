/* test_sha256.c - the audit trail's SHA-256 (sha256.h) gives libsodium's
 * digest for every length around the block edges, however the input is
 * cut into updates, by the processor's SHA instructions (where it has
 * them; said when skipped) and by libsodium's way; and the known
 * digests of the standard's examples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sha256.h"

static void hex(const unsigned char d[SHA256_BYTES], char out[2 * SHA256_BYTES + 1])
{
	for (int i = 0; i < SHA256_BYTES; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* The digest of p in updates of `step` bytes (0: one update). */
static void digest(const unsigned char *p, size_t len, size_t step, unsigned char out[32])
{
	sha256_ctx c;
	sha256_init(&c);
	if (!step)
		sha256_update(&c, p, len);
	for (size_t i = 0; step && i < len; i += step)
		sha256_update(&c, p + i, len - i < step ? len - i : step);
	sha256_final(&c, out);
}

static void expect_as_libsodium(void)
{
	static unsigned char data[1100];
	static const size_t steps[] = {0, 1, 9, 63, 64, 65, 200};
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 131 + (i >> 3) * 7 + 1);
	for (size_t len = 0; len <= sizeof data; len += len < 200 ? 1 : 37) {
		unsigned char want[32], got[32];
		crypto_hash_sha256(want, data, len);
		for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
			digest(data, len, steps[s], got);
			if (memcmp(want, got, 32) != 0)
				fail_msg("length %zu in updates of %zu: not libsodium's digest",
					 len, steps[s]);
		}
	}
}

static void expect_standard_examples(void)
{
	unsigned char d[32];
	char h[65];
	digest((const unsigned char *)"abc", 3, 0, d);
	hex(d, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	digest((const unsigned char *)"", 0, 0, d);
	hex(d, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	static const char two[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	digest((const unsigned char *)two, sizeof two - 1, 0, d);
	hex(d, h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_with_the_sha_instructions(void **state)
{
	(void)state;
	if (!sha256_has_ni()) {
		printf("skipped: this processor has no SHA instructions\n");
		skip();
	}
	sha256_allow_ni(true);
	sha256_ctx c;
	sha256_init(&c);
	assert_true(c.ni);
	expect_standard_examples();
	expect_as_libsodium();
}

static void test_by_libsodium(void **state)
{
	(void)state;
	sha256_allow_ni(false);
	sha256_ctx c;
	sha256_init(&c);
	assert_false(c.ni);
	expect_standard_examples();
	expect_as_libsodium();
	sha256_allow_ni(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_with_the_sha_instructions),
		cmocka_unit_test(test_by_libsodium),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
