package io.icebroker.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.icebroker.TestSecrets;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.ProviderResult;

import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What provider tests stub and check: recorded API answers, JSON responses for WireMock,
 * and fall-throughs that carry no secret.
 */
public final class ProviderAnswers {

	private ProviderAnswers() {
	}

	/**
	 * A recorded provider answer from {@code src/test/resources/payloads}.
	 * @param name the file name
	 * @return its text
	 */
	public static String payload(String name) {
		try {
			return new ClassPathResource("payloads/" + name).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	/**
	 * The result as a fall-through, which never carries a configured secret.
	 * @param result what a provider answered
	 * @return the fall-through
	 */
	public static FellThrough fellThrough(ProviderResult result) {
		assertThat(result).isInstanceOf(FellThrough.class);
		FellThrough fellThrough = (FellThrough) result;
		assertNoSecretIn(fellThrough);
		return fellThrough;
	}

	/**
	 * Check that neither the message nor the details of a fall-through carry a secret.
	 * @param fellThrough the fall-through
	 * @param moreSecrets values beyond {@link TestSecrets#ALL_FORMS} that must not appear
	 */
	public static void assertNoSecretIn(FellThrough fellThrough, String... moreSecrets) {
		for (String form : TestSecrets.ALL_FORMS) {
			assertThat(fellThrough.message()).doesNotContain(form);
			assertThat(fellThrough.details().toString()).doesNotContain(form);
		}
		for (String secret : moreSecrets) {
			assertThat(fellThrough.message()).doesNotContain(secret);
			assertThat(fellThrough.details().toString()).doesNotContain(secret);
		}
	}

}
