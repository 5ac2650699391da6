/* sha256.c - SHA-256 (FIPS 180-4) for bundle manifests; written here because
 * no crypto library is among our dependencies and the digest is small.  On
 * x86-64 CPUs with the SHA extensions the compression function runs on them
 * (chosen at run time): hashing every entry is then ~5x cheaper, which
 * matters because pack must keep up with tar. */
#include <stdio.h>
#include <string.h>
#include "bundle.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHANI 1
#endif

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block(uint32_t *state, const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h;
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = state[0], b = state[1], c = state[2], d = state[3];
	e = state[4], f = state[5], g = state[6], h = state[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
	}
	state[0] += a, state[1] += b, state[2] += c, state[3] += d;
	state[4] += e, state[5] += f, state[6] += g, state[7] += h;
}

static void blocks_generic(uint32_t *state, const unsigned char *p, size_t n)
{
	for (; n; n--, p += 64)
		block(state, p);
}

#ifdef HAVE_SHANI
/* The state lives as ABEF and CDGH vectors, the layout sha256rnds2 wants. */
__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_shani(uint32_t *state, const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0xB1);       /* CDAB */
	__m128i s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(state + 4)), 0x1B); /* EFGH */
	__m128i s0 = _mm_alignr_epi8(t, s1, 8);    /* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xF0);         /* CDGH */
	for (; n; n--, p += 64) {
		__m128i abef = s0, cdgh = s1, w[4], m;
		for (int g = 0; g < 16; g++) {
			if (g < 4)
				w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
			else
				w[g & 3] = _mm_sha256msg2_epu32(
					_mm_add_epi32(_mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]),
					              _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4)),
					w[(g + 3) & 3]);
			m = _mm_add_epi32(w[g & 3], _mm_loadu_si128((const __m128i *)(K + 4 * g)));
			s1 = _mm_sha256rnds2_epu32(s1, s0, m);
			s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	t = _mm_shuffle_epi32(s0, 0x1B);           /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);          /* DCHG */
	_mm_storeu_si128((__m128i *)state, _mm_blend_epi16(t, s1, 0xF0));        /* DCBA */
	_mm_storeu_si128((__m128i *)(state + 4), _mm_alignr_epi8(s1, t, 8));     /* HGFE */
}

static int cpu_has_shani(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3))
		return 0;
	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
}
#endif

static void (*blocks)(uint32_t *, const unsigned char *, size_t);

int na_sha256_use_generic(int generic)
{
	blocks = blocks_generic;
#ifdef HAVE_SHANI
	if (!generic && cpu_has_shani()) {
		blocks = blocks_shani;
		return 1;
	}
#else
	(void)generic;
#endif
	return 0;
}

void na_sha256_init(struct na_sha256 *s)
{
	if (!blocks)
		na_sha256_use_generic(0);
	static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(s->h, iv, sizeof iv);
	s->len = 0;
	s->n = 0;
}

void na_sha256_update(struct na_sha256 *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	s->len += n;
	if (s->n) {
		size_t k = 64 - s->n < n ? 64 - s->n : n;
		memcpy(s->buf + s->n, p, k);
		s->n += k, p += k, n -= k;
		if (s->n < 64)
			return;
		blocks(s->h, s->buf, 1);
		s->n = 0;
	}
	blocks(s->h, p, n / 64);
	p += n / 64 * 64;
	n %= 64;
	memcpy(s->buf, p, n);
	s->n = n;
}

void na_sha256_hex(struct na_sha256 *s, char out[65])
{
	uint64_t bits = s->len * 8;
	unsigned char pad = 0x80, zero = 0, len[8];
	na_sha256_update(s, &pad, 1);
	while (s->n != 56)
		na_sha256_update(s, &zero, 1);
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	na_sha256_update(s, len, 8);
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 4; j++)
			snprintf(out + 8 * i + 2 * j, 3, "%02x", (unsigned)(s->h[i] >> (24 - 8 * j)) & 0xff);
}
