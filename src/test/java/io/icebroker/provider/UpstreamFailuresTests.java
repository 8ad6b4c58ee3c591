package io.icebroker.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

import io.icebroker.TestSecrets;
import io.icebroker.logging.SecretForms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixed phrases {@link UpstreamFailures} gives operators, and what it keeps out of
 * them.
 */
class UpstreamFailuresTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			400 | Bad request (400)
			401 | Authentication failed
			403 | Access denied (403)
			404 | Not found (404): check the key or account id
			429 | Rate limited (429)
			500 | Server error (500)
			503 | Server error (503)
			418 | Unexpected status (418)
			302 | Unexpected status (302)
			""")
	void describesEachStatusWithAFixedPhrase(int status, String phrase) {
		assertThat(UpstreamFailures.describe(status)).isEqualTo(phrase);
	}

	@Test
	void keepsTheStatusAndBodyInTheOrderOperatorsReadThem() {
		FellThrough fellThrough = UpstreamFailures.forStatus(401, "{\"error\":\"Invalid API Key\"}");

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Authentication failed");
		assertThat(fellThrough.errorStatus()).hasValue(401);
		assertThat(fellThrough.details()).containsExactly(entry("status", 401),
				entry("body", "{\"error\":\"Invalid API Key\"}"));
	}

	@Test
	void leavesOutABlankBody() {
		assertThat(UpstreamFailures.forStatus(500, " \n").details()).containsOnlyKeys("status");
	}

	@Test
	void redactsEverySecretFromTheBodyAndIgnoresUnsetOnes() {
		String body = "{\"message\":\"token " + TestSecrets.METERED_API_KEY + " rejected for "
				+ TestSecrets.CLOUDFLARE_API_TOKEN + "\"}";

		FellThrough fellThrough = UpstreamFailures.forStatus(403, body, TestSecrets.METERED_API_KEY, null, "",
				TestSecrets.CLOUDFLARE_API_TOKEN);

		assertThat(fellThrough.details()).containsEntry("body", "{\"message\":\"token *** rejected for ***\"}");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			raw                                   | a+b/c=d"e\\f g~?!
			Base64                                | YStiL2M9ZCJlXGYgZ34/IQ==
			Base64 without padding                | YStiL2M9ZCJlXGYgZ34/IQ
			URL-safe Base64                       | YStiL2M9ZCJlXGYgZ34_IQ==
			URL-safe Base64 without padding       | YStiL2M9ZCJlXGYgZ34_IQ
			Base64 of the Basic pair              | QUMxOmErYi9jPWQiZVxmIGd+PyE=
			Base64 of the Basic pair, no padding  | QUMxOmErYi9jPWQiZVxmIGd+PyE
			URL-safe Base64 of the Basic pair     | QUMxOmErYi9jPWQiZVxmIGd-PyE=
			URLEncoder                            | a%2Bb%2Fc%3Dd%22e%5Cf+g%7E%3F%21
			URLEncoder with %20 for a space       | a%2Bb%2Fc%3Dd%22e%5Cf%20g%7E%3F%21
			RFC 3986, as in a Metered query       | a%2Bb%2Fc%3Dd%22e%5Cf%20g~%3F%21
			JSON-escaped                          | a+b/c=d\\"e\\\\f g~?!
			JSON-escaped with an escaped slash    | a+b\\/c=d\\"e\\\\f g~?!
			""")
	void redactsEveryFormASecretTravelsIn(String form, String value) {
		String secret = "a+b/c=d\"e\\f g~?!";

		String excerpt = UpstreamFailures.excerpt("{\"echo\":\"" + value + "\"}", secret,
				SecretForms.basic("AC1", secret));

		assertThat(excerpt).isEqualTo("{\"echo\":\"***\"}");
	}

	@Test
	void excerptsALongBodyAfterRedactingIt() {
		String body = "x".repeat(295) + TestSecrets.METERED_API_KEY + "y".repeat(500);

		String excerpt = UpstreamFailures.excerpt(body, TestSecrets.METERED_API_KEY);

		assertThat(excerpt).hasSize(301).startsWith("x".repeat(295) + "***").endsWith("…");
		assertThat(excerpt).doesNotContain(TestSecrets.METERED_API_KEY.substring(0, 8));
	}

	@Test
	void reportsATimeoutWhereverItIsInTheCauseChain() {
		assertThat(UpstreamFailures.forException(new RuntimeException(new HttpTimeoutException("request timed out")))
			.outcome()).isEqualTo(Outcome.TIMEOUT);
		FellThrough fellThrough = UpstreamFailures
			.forException(new UncheckedIOException(new SocketTimeoutException("Read timed out")));
		assertThat(fellThrough.outcome()).isEqualTo(Outcome.TIMEOUT);
		assertThat(fellThrough.message()).isEqualTo("Timed out");
		assertThat(fellThrough.errorStatus()).isEmpty();
	}

	@Test
	void namesTheKindOfConnectionFailureButNeverCopiesTheMessage() {
		String leakyMessage = "https://example.metered.live/api/v1/turn/credentials?apiKey="
				+ TestSecrets.METERED_API_KEY;

		FellThrough refused = UpstreamFailures
			.forException(new RuntimeException(leakyMessage, new ConnectException(leakyMessage)));
		FellThrough unknownHost = UpstreamFailures
			.forException(new RuntimeException(leakyMessage, new UnknownHostException(leakyMessage)));
		FellThrough other = UpstreamFailures
			.forException(new IllegalStateException(leakyMessage, new IOException(leakyMessage)));

		assertThat(refused.message()).isEqualTo("Connection refused");
		assertThat(refused.details()).containsExactly(entry("exception", ConnectException.class.getName()));
		assertThat(unknownHost.message()).isEqualTo("Unknown host");
		assertThat(unknownHost.details()).containsExactly(entry("exception", UnknownHostException.class.getName()));
		assertThat(other.message()).isEqualTo("Request failed");
		assertThat(other.details()).containsExactly(entry("exception", IllegalStateException.class.getName()));
		for (FellThrough fellThrough : new FellThrough[] { refused, unknownHost, other }) {
			assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
			assertThat(fellThrough.message() + fellThrough.details()).doesNotContain(TestSecrets.METERED_API_KEY);
		}
	}

	@Test
	void callsAnUnreadableAnswerMalformedWithARedactedExcerpt() {
		FellThrough fellThrough = UpstreamFailures.malformed("<html>" + TestSecrets.METERED_API_KEY,
				TestSecrets.METERED_API_KEY);

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Malformed response");
		assertThat(fellThrough.errorStatus()).isEmpty();
		assertThat(fellThrough.details()).containsExactly(entry("body", "<html>***"));
	}

	private static Map.Entry<String, Object> entry(String key, Object value) {
		return Map.entry(key, value);
	}

}
