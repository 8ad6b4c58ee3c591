package io.icebroker.icetest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.icebroker.testsupport.CoturnServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the app under test hands out to the browser: the one place that says which
 * provider serves the ICE test page's tests, and how.
 */
final class ServedTurn {

	private ServedTurn() {
	}

	/**
	 * Configure the app to hand out {@code urls} with TURN REST API credentials
	 * ({@code <expiry>:<user>}, base64 HMAC-SHA1) signed with {@code signingSecret}:
	 * coturn's own secret for working credentials, another one for refused ones.
	 * <p>
	 * The free fallback's static TURN entry carries a credential minted here, exactly as
	 * the {@code coturn} provider mints it; with that provider this body becomes
	 * {@code TURN_PROVIDER_ORDER=coturn}, {@code COTURN_SECRET=signingSecret} and
	 * {@code COTURN_URLS=String.join(",", urls)}.
	 * @param registry the test's dynamic properties
	 * @param urls the STUN and TURN URLs to hand out
	 * @param signingSecret the shared secret the credentials are signed with
	 */
	static void configure(DynamicPropertyRegistry registry, List<String> urls, String signingSecret) {
		String username = Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + ":browser";
		List<String> stunUrls = urls.stream().filter((url) -> url.startsWith("stun")).toList();
		List<String> turnUrls = urls.stream().filter((url) -> url.startsWith("turn")).toList();
		registry.add("TURN_PROVIDER_ORDER", () -> "free-public-turn");
		registry.add("PUBLIC_STUN_URLS", () -> String.join(",", stunUrls));
		registry.add("PUBLIC_TURN_URLS", () -> String.join(",", turnUrls));
		registry.add("PUBLIC_TURN_USERNAME", () -> username);
		registry.add("PUBLIC_TURN_CREDENTIAL", () -> restApiCredential(signingSecret, username));
	}

	/**
	 * The URLs of a local coturn to hand out: its STUN URL and TURN over UDP.
	 * @param coturn the running coturn
	 * @return the URLs
	 */
	static List<String> urlsOf(CoturnServer coturn) {
		return List.of(coturn.stunUrl(), turnUrl(coturn));
	}

	/**
	 * The TURN URL of a local coturn that the page gives a verdict on.
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
