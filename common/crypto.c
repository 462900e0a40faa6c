/*
 * common/crypto.c - the crypto facade; the only file that includes OpenSSL.
 *
 * A private OSSL_LIB_CTX with the "default" and "legacy" providers is created
 * once (pthread_once) and the algorithms are fetched once into it; OpenSSL's
 * global context is left alone.  MD4, single DES and RC4 come from the legacy
 * provider ([MS-NLMP], [MS-NRPC] 3.1.4.4.2 and [MS-LSAD] 5.1 need them).
 */
#include "crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <pthread.h>

#include "err.h"

static struct {
	OSSL_LIB_CTX *libctx;
	OSSL_PROVIDER *prov_default;
	OSSL_PROVIDER *prov_legacy;
	int failed; /* 0 ok, 1 no default, 2 no legacy, 3 missing algorithm */
} crypto_g;

static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;

static void
crypto_do_init(void)
{
	crypto_g.libctx = OSSL_LIB_CTX_new();
	if (crypto_g.libctx == NULL) {
		crypto_g.failed = 1;
		return;
	}
	crypto_g.prov_default = OSSL_PROVIDER_load(crypto_g.libctx, "default");
	if (crypto_g.prov_default == NULL) {
		crypto_g.failed = 1;
		return;
	}
	crypto_g.prov_legacy = OSSL_PROVIDER_load(crypto_g.libctx, "legacy");
	if (crypto_g.prov_legacy == NULL) {
		crypto_g.failed = 2;
		return;
	}
}

int
crypto_init(struct errinfo *ei)
{
	pthread_once(&crypto_once, crypto_do_init);
	switch (crypto_g.failed) {
	case 0:
		return 0;
	case 2:
		return ERR(ei, ERR_CRYPTO,
			   "OpenSSL legacy provider not available (needed for "
			   "MD4, DES and RC4)");
	default:
		return ERR(ei, ERR_CRYPTO,
			   "OpenSSL default provider not available");
	}
}

void
crypto_shutdown(void)
{
	if (crypto_g.prov_legacy != NULL)
		OSSL_PROVIDER_unload(crypto_g.prov_legacy);
	if (crypto_g.prov_default != NULL)
		OSSL_PROVIDER_unload(crypto_g.prov_default);
	if (crypto_g.libctx != NULL)
		OSSL_LIB_CTX_free(crypto_g.libctx);
	crypto_g.prov_legacy = NULL;
	crypto_g.prov_default = NULL;
	crypto_g.libctx = NULL;
}

void
crypto_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		OPENSSL_cleanse(p, n);
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}
