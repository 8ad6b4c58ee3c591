package io.icebroker;

import java.util.List;
import java.util.stream.Stream;

import io.icebroker.logging.SecretForms;
import io.icebroker.testsupport.TwilioApi;
import io.icebroker.testsupport.XirsysApi;

/**
 * The secret values every test configures. {@link SecretLeakExtension} fails any test
 * class whose output contains one of them in any of its forms ({@link #ALL_FORMS}), so a
 * secret that leaks into a log line anywhere in the suite is caught.
 */
public final class TestSecrets {

	public static final String CLOUDFLARE_API_TOKEN = "cf-token-S3CRET-4f9a1c";

	public static final String TWILIO_AUTH_TOKEN = "tw-auth-S3CRET-77b2e0";

	public static final String TWILIO_API_KEY_SECRET = "tw-key-S3CRET-90ad13";

	public static final String COTURN_SECRET = "coturn-S3CRET-5e0c7b";

	/**
	 * With characters URL encoding changes, and whose Base64 differs between the two
	 * alphabets: this key travels in a query string.
	 */
	public static final String METERED_API_KEY = "metered S3CRET+c3d8/f2~?=";

	public static final String XIRSYS_SECRET = "xirsys-S3CRET-0242ac150003";

	public static final String PUBLIC_TURN_CREDENTIAL = "public-turn-S3CRET-1b6e44";

	public static final String UPSTREAM_TURN_CREDENTIAL = "minted-credential-S3CRET-d41d8c";

	public static final String TURN_API_KEY = "turn-api-key-S3CRET-8c51e07a";

	public static final String TURN_API_KEY_ROTATED = "turn-api-key-S3CRET-rotated-2b94d6";

	public static final String TURN_JWT_SECRET = "turn-jwt-hs256-S3CRET-6a0f3e9b27c14d58e1b7";

	public static final String TURN_ADMIN_KEY = "turn-admin-key-S3CRET-0b7c4e29d1f8a635e2";

	/**
	 * Secrets operators configure that no client may ever see: never in a response body.
	 */
	public static final List<String> CONFIGURED = List.of(CLOUDFLARE_API_TOKEN, TWILIO_AUTH_TOKEN,
			TWILIO_API_KEY_SECRET, COTURN_SECRET, METERED_API_KEY, XIRSYS_SECRET, TURN_API_KEY, TURN_API_KEY_ROTATED,
			TURN_JWT_SECRET, TURN_ADMIN_KEY);

	/**
	 * Everything that must never reach a log line, including credentials minted for
	 * clients.
	 */
	public static final List<String> ALL = List.of(CLOUDFLARE_API_TOKEN, TWILIO_AUTH_TOKEN, TWILIO_API_KEY_SECRET,
			COTURN_SECRET, METERED_API_KEY, XIRSYS_SECRET, PUBLIC_TURN_CREDENTIAL, UPSTREAM_TURN_CREDENTIAL,
			TURN_API_KEY, TURN_API_KEY_ROTATED, TURN_JWT_SECRET, TURN_ADMIN_KEY);

	/**
	 * The HTTP Basic pairs the Twilio stand-in is called with.
	 */
	public static final List<String> BASIC_PAIRS = Stream
		.of(SecretForms.basic(TwilioApi.ACCOUNT_SID, TWILIO_AUTH_TOKEN),
				SecretForms.basic(TwilioApi.API_KEY_SID, TWILIO_API_KEY_SECRET),
				SecretForms.basic(XirsysApi.IDENT, XIRSYS_SECRET))
		.toList();

	/**
	 * Every form of {@link #CONFIGURED} and {@link #BASIC_PAIRS}: raw, Base64,
	 * URL-encoded, JSON-escaped.
	 */
	public static final List<String> CONFIGURED_FORMS = forms(CONFIGURED);

	/**
	 * Every form of {@link #ALL} and {@link #BASIC_PAIRS}.
	 */
	public static final List<String> ALL_FORMS = forms(ALL);

	private TestSecrets() {
	}

	private static List<String> forms(List<String> secrets) {
		return SecretForms.of(Stream.concat(secrets.stream(), BASIC_PAIRS.stream()).toArray(String[]::new));
	}

}
