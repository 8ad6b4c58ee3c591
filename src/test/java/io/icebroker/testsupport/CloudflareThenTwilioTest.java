package io.icebroker.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The service on a random port with Cloudflare first and Twilio second, both against
 * their stand-ins ({@link CloudflareApi}, {@link TwilioApi}), and the free fallback last.
 * Every request reaches the providers: the cache and the cool-down are off, they have
 * their own tests.
 * <p>
 * Read timeouts are 5 s, not the 300 ms of the unit tests: every answer shares them, and
 * this machine's load average has been 18 on 2 cores. Every class with this annotation
 * and no context configuration of its own shares one Spring context; register the
 * stand-ins with {@code @RegisterExtension} so each test starts from a fresh one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_CACHE=off", "TURN_CIRCUIT_COOLDOWN=0", "TURN_CHAIN_DEADLINE=30s",
				"TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn", CloudflareApi.BASE_URL_PROPERTY,
				CloudflareApi.TURN_KEY_PROPERTY, CloudflareApi.API_TOKEN_PROPERTY, "CLOUDFLARE_READ_TIMEOUT=5s",
				TwilioApi.BASE_URL_PROPERTY, TwilioApi.ACCOUNT_SID_PROPERTY, TwilioApi.AUTH_TOKEN_PROPERTY,
				"TWILIO_READ_TIMEOUT=5s" })
public @interface CloudflareThenTwilioTest {

}
