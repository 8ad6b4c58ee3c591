package io.icebroker.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.icebroker.TestSecrets;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The service on a random port with the chain {@code cloudflare,twilio,free-public-turn}
 * where only Twilio can serve: it runs against {@link TwilioApi}, Cloudflare has its
 * token but not its key ({@code CLOUDFLARE_TURN_KEY} is missing), and the fallback has a
 * public TURN server of its own. Every request reaches Twilio: the cache and the
 * cool-down are off, they have their own tests.
 * <p>
 * Every class with this annotation and no context configuration of its own shares one
 * Spring context, so tests compare counters and timestamps before and after, never
 * absolute values; register {@link TwilioApi} with {@code @RegisterExtension} so each
 * test starts from a fresh stand-in.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "TURN_CACHE=off", "TURN_CIRCUIT_COOLDOWN=0",
		"TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn", "TWILIO_READ_TIMEOUT=10s",
		"CLOUDFLARE_API_TOKEN=" + TestSecrets.CLOUDFLARE_API_TOKEN, "PUBLIC_TURN_URLS=turn:turn.example.org:3478",
		"PUBLIC_TURN_USERNAME=public-user", "PUBLIC_TURN_CREDENTIAL=" + TestSecrets.PUBLIC_TURN_CREDENTIAL,
		TwilioApi.BASE_URL_PROPERTY, TwilioApi.ACCOUNT_SID_PROPERTY, TwilioApi.AUTH_TOKEN_PROPERTY })
public @interface TwilioServesTest {

}
