/* test_bundle.c - bundle helpers (issue 5): SHA-256 against the FIPS 180-4
 * vectors split at every chunk boundary (portable and SHA-NI code), and the
 * archive signature probe. */
#include <stdlib.h>
#include "test.h"
#include "formats/bundle/bundle.h"

static void hex_of(const char *s, size_t n, size_t step, char out[65])
{
	struct na_sha256 h;
	na_sha256_init(&h);
	for (size_t i = 0; i < n; i += step)
		na_sha256_update(&h, s + i, n - i < step ? n - i : step);
	na_sha256_hex(&h, out);
}

static void sha256_vectors(void)
{
	char hex[65];
	hex_of("", 0, 1, hex);
	assert_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of("abc", 3, 3, hex);
	assert_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	static const char two[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	for (size_t step = 1; step <= 64; step++) {
		hex_of(two, sizeof two - 1, step, hex);
		assert_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	}
	/* one million 'a': many blocks */
	char *m = malloc(1000000);
	memset(m, 'a', 1000000);
	hex_of(m, 1000000, 4099, hex);
	assert_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(m);
}

DEFINE_TEST(test_bundle_sha256)
{
	/* the portable code, then the CPU's SHA extensions when present */
	na_sha256_use_generic(1);
	sha256_vectors();
	if (na_sha256_use_generic(0))
		sha256_vectors();
}

DEFINE_TEST(test_bundle_magic)
{
	unsigned char tar[512] = {0};
	memcpy(tar + 257, "ustar", 5);
	assert_int(na_bundle_magic(tar, sizeof tar, NULL), 100);
	assert_int(na_bundle_magic((const unsigned char *)"PK\3\4xxxx", 8, NULL), 100);
	assert_int(na_bundle_magic((const unsigned char *)"\x28\xB5\x2F\xFD", 4, "a.tar.zst"), 90);
	assert_int(na_bundle_magic((const unsigned char *)"\x28\xB5\x2F\xFD", 4, "a.bin"), 60);
	assert_int(na_bundle_magic((const unsigned char *)"BZh9", 4, "x.tar.bz2"), 90);
	assert_int(na_bundle_magic((const unsigned char *)"\xFD" "7zXZ\0\0", 6, "x.txz"), 90);
	/* other formats' bytes score nothing */
	assert_int(na_bundle_magic((const unsigned char *)"{\"id\":1}\n", 9, "a.jsonl"), 0);
	assert_int(na_bundle_magic((const unsigned char *)"<html>", 6, "a.tar"), 0);
	assert_int(na_bundle_magic((const unsigned char *)"PK", 2, NULL), 0);
}
