/* sha256.h - SHA-256 for the audit trail's hash chain: the processor's
 * SHA instructions where it has them (an x86-64 with SHA-NI hashes an
 * entry in a fraction of the time), libsodium's code everywhere else. The
 * digest is the same either way: it is SHA-256. */
#ifndef CANBO_SHA256_H
#define CANBO_SHA256_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHA256_BYTES 32

typedef struct sha256_ctx {
	bool ni; /* the SHA instructions are used */
	crypto_hash_sha256_state sodium;
	uint32_t h[8];
	unsigned char buf[64];
	size_t used;	/* bytes in buf */
	uint64_t bytes; /* hashed so far */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const unsigned char *p, size_t len);
void sha256_final(sha256_ctx *c, unsigned char out[SHA256_BYTES]);

/* Whether this processor has the SHA instructions (tests use both ways). */
bool sha256_has_ni(void);
/* For tests: false makes sha256_init take libsodium's way even where the
 * instructions exist. */
void sha256_allow_ni(bool allow);

#endif
