/* sha1.c - SHA-1 (FIPS 180-4) and RFC 4648 base32, the digest form WARC
 * files use ("sha1:" + 32 base32 characters).  Not for security. */
#include <string.h>
#include "formats/warc/warc.h"

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void block(struct na_sha1 *s, const unsigned char *p)
{
	uint32_t w[80];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5A827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ED9EBA1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8F1BBCDC;
		} else {
			f = b ^ c ^ d;
			k = 0xCA62C1D6;
		}
		uint32_t t = ROL(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = ROL(b, 30);
		b = a;
		a = t;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
}

void na_sha1_init(struct na_sha1 *s)
{
	static const uint32_t h0[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
	memcpy(s->h, h0, sizeof h0);
	s->len = 0;
	s->fill = 0;
}

void na_sha1_update(struct na_sha1 *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	s->len += n;
	while (n) {
		size_t k = 64 - s->fill;
		if (k > n)
			k = n;
		memcpy(s->block + s->fill, p, k);
		s->fill += k;
		p += k;
		n -= k;
		if (s->fill == 64) {
			block(s, s->block);
			s->fill = 0;
		}
	}
}

void na_sha1_final(struct na_sha1 *s, unsigned char out[20])
{
	uint64_t bits = s->len * 8;
	unsigned char pad = 0x80;
	na_sha1_update(s, &pad, 1);
	pad = 0;
	while (s->fill != 56)
		na_sha1_update(s, &pad, 1);
	unsigned char l[8];
	for (int i = 0; i < 8; i++)
		l[i] = (unsigned char)(bits >> (56 - 8 * i));
	na_sha1_update(s, l, 8);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void na_base32_20(const unsigned char in[20], char out[33])
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	/* 160 bits = exactly 32 groups of 5 */
	for (int i = 0; i < 32; i++) {
		int bit = i * 5, byte = bit / 8, off = bit % 8;
		unsigned v = (unsigned)in[byte] << 8 | (byte + 1 < 20 ? in[byte + 1] : 0);
		out[i] = alpha[(v >> (11 - off)) & 31];
	}
	out[32] = 0;
}
