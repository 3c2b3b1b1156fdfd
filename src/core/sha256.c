/* sha256.c - SHA-256 with the x86 SHA instructions, or libsodium
 * (sha256.h).
 *
 * Every audit entry is hashed once when written and once per check of
 * the trail; an import of 100 000 cadres hashes some 70 MB of entries.
 * libsodium's portable code takes about 3 µs an entry, a third of the
 * audit writer's time; the processor's SHA instructions (Intel's SHA
 * extensions, on x86-64 processors since about 2017) do the same rounds
 * several times faster. The rounds below follow the instructions' usual
 * use: two lanes of state (ABEF, CDGH), four rounds a pair of SHA256RNDS2,
 * the message schedule by SHA256MSG1/SHA256MSG2.
 */
#include "sha256.h"

#include <stdatomic.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_NI_CODE 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static atomic_bool ni_allowed = true;

void sha256_allow_ni(bool allow)
{
	ni_allowed = allow;
}

#ifdef HAVE_NI_CODE
static const uint32_t K256[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2};

bool sha256_has_ni(void)
{
	static atomic_int known = -1; /* the audit writer's thread asks too */
	unsigned a, b, c, d;
	int yes = atomic_load(&known);
	if (yes >= 0)
		return yes;
	yes = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) && (c & bit_SSE4_1) &&
	      __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
	atomic_store(&known, yes);
	return yes;
}

__attribute__((target("sha,sse4.1,ssse3"))) static void
ni_blocks(uint32_t h[8], const unsigned char *p, size_t blocks)
{
	const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i tmp = _mm_loadu_si128((const __m128i *)&h[0]);
	__m128i s1 = _mm_loadu_si128((const __m128i *)&h[4]);
	tmp = _mm_shuffle_epi32(tmp, 0xB1);	  /* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);	  /* EFGH */
	__m128i s0 = _mm_alignr_epi8(tmp, s1, 8); /* ABEF */
	s1 = _mm_blend_epi16(s1, tmp, 0xF0);	  /* CDGH */

	for (; blocks; blocks--, p += 64) {
		__m128i abef = s0, cdgh = s1, m[4], msg;
		for (int g = 0; g < 16; g++) {
			if (g < 4)
				m[g] = _mm_shuffle_epi8(
					_mm_loadu_si128((const __m128i *)(p + 16 * g)), mask);
			msg = _mm_add_epi32(m[g & 3],
					    _mm_loadu_si128((const __m128i *)&K256[4 * g]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
			if (g >= 3 && g <= 14) { /* the schedule's next four words */
				__m128i t = _mm_alignr_epi8(m[g & 3], m[(g + 3) & 3], 4);
				m[(g + 1) & 3] = _mm_add_epi32(m[(g + 1) & 3], t);
				m[(g + 1) & 3] = _mm_sha256msg2_epu32(m[(g + 1) & 3], m[g & 3]);
			}
			msg = _mm_shuffle_epi32(msg, 0x0E);
			s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
			if (g >= 1 && g <= 12)
				m[(g + 3) & 3] = _mm_sha256msg1_epu32(m[(g + 3) & 3], m[g & 3]);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	tmp = _mm_shuffle_epi32(s0, 0x1B);   /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);    /* DCHG */
	s0 = _mm_blend_epi16(tmp, s1, 0xF0); /* DCBA */
	s1 = _mm_alignr_epi8(s1, tmp, 8);    /* HGFE */
	_mm_storeu_si128((__m128i *)&h[0], s0);
	_mm_storeu_si128((__m128i *)&h[4], s1);
}
#else
bool sha256_has_ni(void)
{
	return false;
}

static void ni_blocks(uint32_t h[8], const unsigned char *p, size_t blocks)
{
	(void)h, (void)p, (void)blocks;
}
#endif

void sha256_init(sha256_ctx *c)
{
	static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	c->ni = ni_allowed && sha256_has_ni();
	c->used = 0;
	c->bytes = 0;
	if (c->ni)
		memcpy(c->h, iv, sizeof iv);
	else
		crypto_hash_sha256_init(&c->sodium);
}

void sha256_update(sha256_ctx *c, const unsigned char *p, size_t len)
{
	if (!c->ni) {
		crypto_hash_sha256_update(&c->sodium, p, len);
		return;
	}
	c->bytes += len;
	if (c->used) {
		size_t take = 64 - c->used < len ? 64 - c->used : len;
		memcpy(c->buf + c->used, p, take);
		c->used += take;
		p += take;
		len -= take;
		if (c->used < 64)
			return;
		ni_blocks(c->h, c->buf, 1);
		c->used = 0;
	}
	if (len >= 64) {
		ni_blocks(c->h, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
	}
	memcpy(c->buf, p, len);
	c->used = len;
}

void sha256_final(sha256_ctx *c, unsigned char out[SHA256_BYTES])
{
	if (!c->ni) {
		crypto_hash_sha256_final(&c->sodium, out);
		return;
	}
	uint64_t bits = c->bytes * 8;
	c->buf[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->buf + c->used, 0, 64 - c->used);
		ni_blocks(c->h, c->buf, 1);
		c->used = 0;
	}
	memset(c->buf + c->used, 0, 56 - c->used);
	for (int i = 0; i < 8; i++)
		c->buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	ni_blocks(c->h, c->buf, 1);
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++)
			out[4 * i + j] = (unsigned char)(c->h[i] >> (24 - 8 * j));
}
