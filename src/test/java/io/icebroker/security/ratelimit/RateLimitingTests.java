package io.icebroker.security.ratelimit;

import java.util.List;
import java.util.Optional;

import io.icebroker.clientaddress.ClientAddressProperties;
import io.icebroker.clientaddress.ClientAddressSource;

import io.icebroker.shared.SharedRedis;
import io.icebroker.web.TestProblems;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class RateLimitingTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void forwardedHeadersWithoutATrustedProxyAreReportedOnce(CapturedOutput output) throws Exception {
		Filter perAddress = rateLimiting(List.of()).perAddress();

		for (String header : List.of("X-Forwarded-For", "X-Real-IP", "X-Forwarded-For")) {
			perAddress.doFilter(credentialsRequest("203.0.113.9", header, "198.51.100.1"),
					new MockHttpServletResponse(), new MockFilterChain());
		}

		assertThat(output).containsOnlyOnce(
				"Requests carry X-Forwarded-For or X-Real-IP but no proxy is trusted (TURN_TRUSTED_PROXIES is not set)");
	}

	@Test
	void forwardingBehindATrustedProxyIsNotReported(CapturedOutput output) throws Exception {
		rateLimiting(List.of("10.0.0.0/8")).perAddress()
			.doFilter(credentialsRequest("10.0.0.2", "X-Forwarded-For", "198.51.100.1"), new MockHttpServletResponse(),
					new MockFilterChain());

		assertThat(output).doesNotContain("X-Forwarded-For");
	}

	@Test
	void otherPathsAreNotLimited() throws Exception {
		Filter perAddress = rateLimiting(List.of()).perAddress();

		for (int request = 0; request < 3; request++) {
			MockHttpServletRequest health = new MockHttpServletRequest("GET", "/actuator/health");
			MockHttpServletResponse response = new MockHttpServletResponse();
			perAddress.doFilter(health, response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(200);
		}
	}

	@Test
	void probeIsLimitedLikeCredentials() throws Exception {
		Filter perAddress = rateLimiting(List.of()).perAddress();
		MockHttpServletResponse response = new MockHttpServletResponse();

		for (int request = 0; request < 2; request++) {
			response = new MockHttpServletResponse();
			perAddress.doFilter(new MockHttpServletRequest("GET", "/actuator/turnprobe"), response,
					new MockFilterChain());
		}

		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(this.meters.get("turn.rate.limited").tag("scope", "address").counter().count()).isEqualTo(1);
	}

	private RateLimiting rateLimiting(List<String> trustedProxies) {
		ClientAddressSource addresses = ClientAddressSource.resolve(new ClientAddressProperties("", trustedProxies),
				(name) -> Optional.empty());
		return new RateLimiting(new RateLimitProperties(1), addresses, new WebEndpointProperties(), this.meters,
				new DefaultListableBeanFactory().getBeanProvider(SharedRedis.class), TestProblems.PROBLEMS);
	}

	private static MockHttpServletRequest credentialsRequest(String peer, String header, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/turn/credentials");
		request.setRemoteAddr(peer);
		request.addHeader(header, value);
		return request;
	}

}
