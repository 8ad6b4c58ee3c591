package io.icebroker.credentials;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.icebroker.chain.ChainResult;
import io.icebroker.chain.ProviderChain;
import io.icebroker.ice.IceServer;
import io.icebroker.web.Problems;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

// A slice of the controller alone: the key is the security package's concern, tested in
// provider.coturn.CoturnIntegrationTests.TurnRest.
@WebMvcTest(TurnRestController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ TurnRestControllerTests.FixedClock.class, Problems.class })
class TurnRestControllerTests {

	static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ProviderChain chain;

	private void serves(IceServer... iceServers) {
		given(this.chain.resolve(anyString())).willReturn(
				new ChainResult.Resolved("twilio", List.of(iceServers), Optional.of(NOW.plusSeconds(3600)), List.of()));
	}

	@Test
	void answersTheFirstTurnPairWithItsTurnUris() throws Exception {
		serves(IceServer.stun(List.of("stun:global.stun.twilio.com:3478")),
				new IceServer(List.of("stun:a.example:3478", "turn:a.example:3478?transport=udp",
						"turns:a.example:443?transport=tcp"), "user", "secret"),
				new IceServer(List.of("turn:b.example:3478"), "other", "other-secret"));

		this.mvc.perform(get("/turn/rest").param("service", "turn"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(content().json("""
					{"username": "user", "password": "secret", "ttl": 3600,
					 "uris": ["turn:a.example:3478?transport=udp", "turns:a.example:443?transport=tcp"]}
					""", JsonCompareMode.STRICT));
	}

	@Test
	void takesTheUsernameAsTheUserIdEvenWhenJanusRepeatsItInTheBody() throws Exception {
		serves(new IceServer(List.of("turn:a.example:3478"), "user", "secret"));

		this.mvc
			.perform(
					post("/turn/rest?service=turn&username=janus-42").contentType(MediaType.APPLICATION_FORM_URLENCODED)
						.content("service=turn&username=janus-42"))
			.andExpect(status().isOk());
		then(this.chain).should().resolve("janus-42");
	}

	@Test
	void isForAnonymousWithoutAUsername() throws Exception {
		serves(new IceServer(List.of("turn:a.example:3478"), "user", "secret"));

		this.mvc.perform(get("/turn/rest").param("service", "turn")).andExpect(status().isOk());
		then(this.chain).should().resolve("anonymous");
	}

	@Test
	void rejectsTwoDifferentUsernames() throws Exception {
		this.mvc.perform(get("/turn/rest?service=turn&username=a&username=b"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("username must be given once"));
		then(this.chain).should(never()).resolve(anyString());
	}

	@Test
	void rejectsAnInvalidUsernameNamingTheParameter() throws Exception {
		this.mvc.perform(get("/turn/rest?service=turn&username=a b"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("username must be 1 to 128 characters of A-Z, a-z, 0-9 and . _ @ : + -"));
	}

	@Test
	void rejectsARequestWithoutService() throws Exception {
		this.mvc.perform(get("/turn/rest"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("service is required and must be turn"));
	}

	@Test
	void tellsJanusClearlyThatThereIsNoTurnServer() throws Exception {
		serves(IceServer.stun(List.of("stun:stun.cloudflare.com:3478")));

		MvcResult result = this.mvc.perform(post("/turn/rest").param("service", "turn"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("No TURN server available"))
			.andReturn();

		assertThat(JanusTurnRestClient.parse(result.getResponse().getContentAsString(), 503))
			.isEqualTo(new JanusTurnRestClient.Failure("Invalid response: uris should be a non-empty array", 503));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
