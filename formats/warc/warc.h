/* warc.h - private helpers of the warc format. */
#ifndef NA_WARC_H
#define NA_WARC_H

#include <stddef.h>
#include <stdint.h>

/* SHA-1 (FIPS 180-4), for WARC-Block-Digest. */
struct na_sha1 {
	uint32_t h[5];
	uint64_t len;
	unsigned char block[64];
	size_t fill;
};
void na_sha1_init(struct na_sha1 *s);
void na_sha1_update(struct na_sha1 *s, const void *data, size_t n);
void na_sha1_final(struct na_sha1 *s, unsigned char out[20]);
/* RFC 4648 base32 (upper case, no padding needed for 20 bytes): 32 chars + NUL. */
void na_base32_20(const unsigned char in[20], char out[33]);

#endif
