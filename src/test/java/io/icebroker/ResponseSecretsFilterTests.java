package io.icebroker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.icebroker.testsupport.TwilioApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite-wide response check must itself catch a leak, or every test that relies on it
 * proves nothing.
 */
class ResponseSecretsFilterTests {

	@AfterEach
	void forgetTheDeliberateLeak() {
		ResponseSecretsFilter.leaks.clear();
	}

	@Test
	void recordsAConfiguredSecretInAResponseBody() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new ResponseSecretsFilter().doFilter(new MockHttpServletRequest("GET", "/actuator/turn"), response,
				answering("{\"token\":\"" + TestSecrets.TWILIO_AUTH_TOKEN + "\"}"));
		assertThat(ResponseSecretsFilter.leaks).containsExactly("GET /actuator/turn answered a configured secret");
		assertThat(response.getContentAsString()).contains("token");
	}

	@Test
	void recordsTheBase64OfABasicPairInAResponseBody() throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString(
					(TwilioApi.ACCOUNT_SID + ":" + TestSecrets.TWILIO_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));

		new ResponseSecretsFilter().doFilter(new MockHttpServletRequest("GET", "/actuator/turn"),
				new MockHttpServletResponse(), answering("{\"authorization\":\"Basic " + basic + "\"}"));

		assertThat(ResponseSecretsFilter.leaks).containsExactly("GET /actuator/turn answered a configured secret");
	}

	@Test
	void letsMintedCredentialsThrough() throws Exception {
		new ResponseSecretsFilter().doFilter(new MockHttpServletRequest("GET", "/turn/credentials"),
				new MockHttpServletResponse(), answering(TestSecrets.UPSTREAM_TURN_CREDENTIAL));
		assertThat(ResponseSecretsFilter.leaks).isEmpty();
	}

	private static MockFilterChain answering(String body) {
		return new MockFilterChain(new HttpServlet() {

			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.getWriter().write(body);
			}

		});
	}

}
