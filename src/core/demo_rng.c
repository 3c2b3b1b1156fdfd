/* demo_rng.c - the demo's random stream (include/demo.h): xoshiro256**
 * seeded through splitmix64, the same on every platform, so that a demo
 * depends only on its seed, size and configuration; and the cumulative
 * weights of the word lists, for O(log n) weighted draws
 * (demo_internal.h draws from them).
 */
#include "demo_internal.h"

/* ---- random stream ------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void demo_rng_seed(demo_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t demo_rng_next(demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Lemire's multiply-shift; the tiny bias (< n / 2^32) does not matter for
 * a demo and keeps the stream the same on every platform. */
uint32_t demo_rng_below(demo_rng *r, uint32_t n)
{
	return (uint32_t)(((demo_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* ---- weighted choice ---------------------------------------------------- */

int demo_picker_init(picker *p, const demo_list *l)
{
	p->list = l;
	p->total = 0;
	p->cum = malloc(l->count * sizeof *p->cum);
	if (!p->cum)
		return -1;
	for (size_t i = 0; i < l->count; i++)
		p->cum[i] = (p->total += l->words[i].weight);
	return 0;
}
