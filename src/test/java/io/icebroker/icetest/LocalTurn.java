package io.icebroker.icetest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.icebroker.testsupport.CoturnServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * How the app under test is pointed at the local coturn: the one place that says which
 * provider serves it and with which secret.
 */
final class LocalTurn {

	private LocalTurn() {
	}

	/**
	 * Configure the app so that it hands out {@code coturn}'s STUN and TURN/UDP URLs with
	 * TURN REST API credentials signed with {@code signingSecret} (coturn's own secret
	 * for working credentials, another one for refused ones).
	 * <p>
	 * The free fallback's static TURN entry carries a credential minted here, the way the
	 * {@code coturn} provider mints it; with that provider, this becomes
	 * {@code TURN_PROVIDER_ORDER=coturn}, {@code COTURN_SECRET=signingSecret},
	 * {@code COTURN_URLS=stun,turn}.
	 * @param registry the test's dynamic properties
	 * @param coturn the running coturn
	 * @param signingSecret the shared secret the credentials are signed with
	 */
	static void configure(DynamicPropertyRegistry registry, CoturnServer coturn, String signingSecret) {
		String username = Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + ":browser";
		registry.add("TURN_PROVIDER_ORDER", () -> "free-public-turn");
		registry.add("PUBLIC_STUN_URLS", coturn::stunUrl);
		registry.add("PUBLIC_TURN_URLS", () -> turnUrl(coturn));
		registry.add("PUBLIC_TURN_USERNAME", () -> username);
		registry.add("PUBLIC_TURN_CREDENTIAL", () -> restApiCredential(signingSecret, username));
	}

	/**
	 * The TURN URL the app hands out, as the page shows it in its verdict.
	 * @param coturn the running coturn
	 * @return the URL
	 */
	static String turnUrl(CoturnServer coturn) {
		return coturn.turnUrl("udp");
	}

	private static String restApiCredential(String secret, String username) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
