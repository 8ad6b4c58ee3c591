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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

// A slice of the controller alone: who may call it is the security package's concern, tested there.
@WebMvcTest(CredentialsController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ CredentialsControllerTests.FixedClock.class, Problems.class })
class CredentialsControllerTests {

	static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ProviderChain chain;

	@BeforeEach
	void twilioServes() {
		given(this.chain.resolve(anyString())).willReturn(new ChainResult.Resolved("twilio",
				List.of(IceServer.stun(List.of("stun:global.stun.twilio.com:3478")),
						new IceServer(List.of("turn:global.turn.twilio.com:3478?transport=udp"), "user", "secret")),
				Optional.of(NOW.plusSeconds(3600).plusMillis(700)), List.of()));
	}

	@Test
	void answersAnRtcConfigurationWithTtlExpiresAtAndRefreshAfter() throws Exception {
		this.mvc.perform(get("/turn/credentials"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().json(
					"""
							{"iceServers": [
							   {"urls": ["stun:global.stun.twilio.com:3478"]},
							   {"urls": ["turn:global.turn.twilio.com:3478?transport=udp"], "username": "user", "credential": "secret"}],
							 "provider": "twilio", "ttl": 3600, "expiresAt": "2026-11-24T11:00:00Z",
							 "refreshAfter": "2026-11-24T10:30:00Z"}
							""",
					JsonCompareMode.STRICT));
	}

	@Test
	void omitsTtlAndExpiresAtWhenNothingExpires() throws Exception {
		given(this.chain.resolve(anyString())).willReturn(new ChainResult.Resolved("free-public-turn",
				List.of(IceServer.stun(List.of("stun:stun.cloudflare.com:3478"))), Optional.empty(), List.of()));
		this.mvc.perform(get("/turn/credentials"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provider").value("free-public-turn"))
			.andExpect(jsonPath("$.ttl").doesNotExist())
			.andExpect(jsonPath("$.expiresAt").doesNotExist())
			.andExpect(jsonPath("$.refreshAfter").doesNotExist())
			.andExpect(jsonPath("$.iceServers[0].username").doesNotExist());
	}

	@Test
	void isForAnonymousWhenNoUserIdIsGiven() throws Exception {
		this.mvc.perform(get("/turn/credentials")).andExpect(status().isOk());
		then(this.chain).should().resolve("anonymous");
	}

	@Test
	void takesTheUserIdParameterOverTheHeader() throws Exception {
		this.mvc.perform(get("/turn/credentials").param("userId", "alice@example.org").header("X-User-Id", "bob"))
			.andExpect(status().isOk());
		then(this.chain).should().resolve("alice@example.org");
	}

	@Test
	void takesTheUserIdHeaderWhenThereIsNoParameter() throws Exception {
		this.mvc.perform(get("/turn/credentials").header("X-User-Id", "bob+1")).andExpect(status().isOk());
		then(this.chain).should().resolve("bob+1");
	}

	@Test
	void letsTheAuthenticatedPrincipalWinOverBoth() throws Exception {
		this.mvc.perform(get("/turn/credentials").param("userId", "alice").principal(() -> "sub-42"))
			.andExpect(status().isOk());
		then(this.chain).should().resolve("sub-42");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a b", "alice\r\n[TURN] forged", "<script>", "ålice", "a/b", "a,b", "%00" })
	void rejectsAnInvalidUserIdWithAProblemThatDoesNotEchoIt(String userId) throws Exception {
		this.mvc.perform(get("/turn/credentials").param("userId", userId))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid user id"))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(
					jsonPath("$.detail").value("userId must be 1 to 128 characters of A-Z, a-z, 0-9 and . _ @ : + -"))
			.andExpect(content().string(not(containsString("forged"))))
			.andExpect(content().string(not(containsString("script"))));
		then(this.chain).should(never()).resolve(anyString());
	}

	@Test
	void rejectsAUserIdLongerThan128Characters() throws Exception {
		this.mvc.perform(get("/turn/credentials").param("userId", "a".repeat(129))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/turn/credentials").param("userId", "a".repeat(128))).andExpect(status().isOk());
	}

	@Test
	void rejectsAnInvalidUserIdHeader() throws Exception {
		this.mvc.perform(get("/turn/credentials").header("X-User-Id", "bob\tsmith"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("X-User-Id")));
	}

	@Test
	void answersAProblemWhenEveryProviderFellThrough() throws Exception {
		given(this.chain.resolve(anyString())).willReturn(new ChainResult.Exhausted(List.of()));
		this.mvc.perform(get("/turn/credentials"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("No ICE servers available"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
