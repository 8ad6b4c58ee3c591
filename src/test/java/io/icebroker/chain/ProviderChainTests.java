package io.icebroker.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.icebroker.ice.IceServer;
import io.icebroker.misconfiguration.MisconfigurationException;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

@ExtendWith(OutputCaptureExtension.class)
class ProviderChainTests {

	@Test
	void servesFromTheFirstProviderThatServesAndNeverAsksTheRest() {
		FakeProvider cloudflare = FakeProvider.minting("cloudflare");
		FakeProvider twilio = FakeProvider.minting("twilio");
		ChainResult result = chain(List.of(twilio, cloudflare), "cloudflare", "twilio").resolve("alice");
		assertThat(result).isInstanceOfSatisfying(ChainResult.Resolved.class, (resolved) -> {
			assertThat(resolved.provider()).isEqualTo("cloudflare");
			assertThat(resolved.expiresAt()).contains(FakeProvider.EXPIRES_AT);
			assertThat(resolved.iceServers()).singleElement()
				.satisfies((server) -> assertThat(server.credential()).isEqualTo("cloudflare-credential"));
		});
		assertThat(twilio.requests).isEmpty();
	}

	@Test
	void fallsThroughToTwilioWhenCloudflareErrors() {
		FakeProvider cloudflare = FakeProvider.answering("cloudflare", (request) -> {
			return FellThrough.httpError(401, "Authentication failed", Map.of("status", 401));
		});
		FakeProvider twilio = FakeProvider.minting("twilio");
		ChainResult result = chain(List.of(cloudflare, twilio), "cloudflare", "twilio").resolve("alice");
		assertThat(result).isInstanceOfSatisfying(ChainResult.Resolved.class,
				(resolved) -> assertThat(resolved.provider()).isEqualTo("twilio"));
		assertThat(result.attempts()).extracting(Attempt::provider, Attempt::outcome)
			.containsExactly(tuple("cloudflare", Outcome.ERROR), tuple("twilio", Outcome.SUCCESS));
	}

	@Test
	void neverCallsAnUnconfiguredProvider() {
		FakeProvider cloudflare = FakeProvider.notConfigured("cloudflare", "CLOUDFLARE_TURN_KEY");
		ChainResult result = chain(List.of(cloudflare, FakeProvider.fallback()), "cloudflare", "free-public-turn")
			.resolve("alice");
		assertThat(result.attempts()).extracting(Attempt::outcome)
			.containsExactly(Outcome.NOT_CONFIGURED, Outcome.SUCCESS);
		assertThat(cloudflare.requests).isEmpty();
	}

	@Test
	void asksProvidersInTheConfiguredOrderNotTheBeanOrder() {
		FakeProvider cloudflare = FakeProvider.minting("cloudflare");
		FakeProvider twilio = FakeProvider.minting("twilio");
		ChainResult result = chain(List.of(cloudflare, twilio), "twilio", "cloudflare").resolve("alice");
		assertThat(result).isInstanceOfSatisfying(ChainResult.Resolved.class,
				(resolved) -> assertThat(resolved.provider()).isEqualTo("twilio"));
		assertThat(cloudflare.requests).isEmpty();
	}

	@Test
	void passesTheUserIdAndConfiguredTtlToProvidersThatComputeInProcess() {
		FakeProvider coturn = FakeProvider.computing("coturn");
		chain(List.of(coturn), "coturn").resolve("bd22dd09");
		assertThat(coturn.requests).singleElement().satisfies((request) -> {
			assertThat(request.userId()).isEqualTo("bd22dd09");
			assertThat(request.ttl()).isEqualTo(Duration.ofSeconds(86400));
		});
	}

	@Test
	void treatsAnAnswerWithNothingUsableAsEmptyAndFallsThrough() {
		FakeProvider cloudflare = FakeProvider.answering("cloudflare",
				(request) -> Served.fromUpstream(
						List.of(new IceServer(List.of("turn:turn.example.org:53"), "user", "credential")),
						FakeProvider.EXPIRES_AT));
		ChainResult result = chain(List.of(cloudflare, FakeProvider.fallback()), "cloudflare", "free-public-turn")
			.resolve("alice");
		assertThat(result.attempts().get(0).answer()).isInstanceOfSatisfying(FellThrough.class,
				(fellThrough) -> assertThat(fellThrough.message()).isEqualTo("No usable ICE servers in the answer"));
		assertThat(result).isInstanceOfSatisfying(ChainResult.Resolved.class,
				(resolved) -> assertThat(resolved.provider()).isEqualTo("free-public-turn"));
	}

	@Test
	void aProviderThatThrowsFallsThroughWithoutItsMessage(CapturedOutput output) {
		FakeProvider cloudflare = FakeProvider.answering("cloudflare", (request) -> {
			throw new IllegalStateException("https://api.example.org/?apiKey=leaked-key");
		});
		ChainResult result = chain(List.of(cloudflare, FakeProvider.fallback()), "cloudflare", "free-public-turn")
			.resolve("alice");
		assertThat(result).isInstanceOf(ChainResult.Resolved.class);
		assertThat(result.attempts().get(0).answer()).isInstanceOfSatisfying(FellThrough.class,
				(fellThrough) -> assertThat(fellThrough.message()).isEqualTo("Unexpected failure"));
		assertThat(output).contains("[TURN] ❌ Cloudflare TURN error: Unexpected failure").doesNotContain("leaked-key");
	}

	@Test
	void aProviderTheDeadlineLeftNoTimeForIsNotTriedAndNotBlamed(CapturedOutput output) {
		CountDownLatch release = new CountDownLatch(1);
		FakeProvider cloudflare = FakeProvider.answering("cloudflare", (request) -> {
			await(release);
			return FellThrough.timeout("Timed out");
		});
		FakeProvider twilio = FakeProvider.minting("twilio");
		ResilienceProperties shortDeadline = new ResilienceProperties(ResilienceProperties.CacheMode.ON, 0.5,
				Duration.ofMillis(300), Duration.ofSeconds(30), 4);
		try {
			ChainResult result = TestChains
				.chain(List.of(cloudflare, twilio, FakeProvider.fallback()),
						properties("cloudflare", "twilio", "free-public-turn"), List.of(), shortDeadline)
				.resolve("alice");

			assertThat(result.attempts()).extracting(Attempt::provider, Attempt::outcome)
				.containsExactly(tuple("cloudflare", Outcome.TIMEOUT), tuple("twilio", Outcome.NOT_TRIED),
						tuple("free-public-turn", Outcome.SUCCESS));
			assertThat(twilio.requests).isEmpty();
			assertThat(output).contains("[TURN] ❌ Cloudflare TURN error: Chain deadline reached")
				.contains("[TURN] ⏭️ Twilio not tried: earlier providers used up the chain deadline (300 ms")
				.contains("(cloudflare: timeout, twilio: not_tried)")
				.doesNotContain("Twilio TURN error");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void isExhaustedWhenEveryProviderFallsThroughAndNoFallbackIsListed() {
		FakeProvider cloudflare = FakeProvider.answering("cloudflare", (request) -> FellThrough.timeout("Timed out"));
		ChainResult result = chain(List.of(cloudflare), "cloudflare").resolve("alice");
		assertThat(result).isInstanceOf(ChainResult.Exhausted.class);
		assertThat(result.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.TIMEOUT);
	}

	@Test
	void refusesToStartWhenTheOrderNamesAnUnknownProvider() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> chain(List.of(FakeProvider.fallback()), "twillio", "free-public-turn"))
			.withMessageContaining("TURN_PROVIDER_ORDER names 'twillio'");
	}

	@Test
	void tellsListenersAboutEveryAttemptAndTheAnswer() {
		List<Attempt> attempts = new ArrayList<>();
		List<ChainResult> answers = new ArrayList<>();
		ChainListener listener = new ChainListener() {

			@Override
			public void attempted(Attempt attempt) {
				attempts.add(attempt);
			}

			@Override
			public void answered(ChainResult result) {
				answers.add(result);
			}

		};
		ProviderChain chain = TestChains.chain(List.of(FakeProvider.notConfigured("cloudflare", "CLOUDFLARE_TURN_KEY"),
				FakeProvider.minting("twilio")), properties("cloudflare", "twilio"), List.of(listener));
		ChainResult result = chain.resolve("alice");
		assertThat(attempts).extracting(Attempt::provider, Attempt::upstreamCalled)
			.containsExactly(tuple("cloudflare", false), tuple("twilio", true));
		assertThat(answers).containsExactly(result);
	}

	@Test
	void reportsAtStartupWhichVariableAHalfConfiguredProviderMisses(CapturedOutput output) {
		IceServerProvider twilio = new HalfConfigured();
		chain(List.of(twilio, FakeProvider.fallback()), "twilio", "free-public-turn").reportConfiguration();
		assertThat(output).contains("[TURN] ⚠️ Twilio is only partly configured: TWILIO_AUTH_TOKEN is missing")
			.contains("[TURN] Free-public-turn fallback ready (position 2 in TURN_PROVIDER_ORDER)");
	}

	@Test
	void warnsAtStartupWhenAProvidersCallsCanOutlastTheDeadlineBeforeAnotherPremiumProvider(CapturedOutput output) {
		FakeProvider cloudflare = FakeProvider.minting("cloudflare").withLongestCall(Duration.ofSeconds(3));
		FakeProvider twilio = FakeProvider.minting("twilio").withLongestCall(Duration.ofSeconds(9));

		chain(List.of(cloudflare, twilio, FakeProvider.fallback()), "cloudflare", "twilio", "free-public-turn")
			.reportConfiguration();

		assertThat(output)
			.containsOnlyOnce("[TURN] ⚠️ Cloudflare may take up to 3000 ms per request (CLOUDFLARE_CONNECT_TIMEOUT +"
					+ " CLOUDFLARE_READ_TIMEOUT), not less than TURN_CHAIN_DEADLINE (3000 ms): while it hangs, Twilio"
					+ " after it are never asked")
			// Only the fallback follows Twilio, and it answers after the deadline anyway.
			.doesNotContain("Twilio may take");
	}

	@Test
	void doesNotWarnWhenCallsEndWithinTheDeadline(CapturedOutput output) {
		FakeProvider cloudflare = FakeProvider.minting("cloudflare").withLongestCall(Duration.ofMillis(1500));

		chain(List.of(cloudflare, FakeProvider.minting("twilio"), FakeProvider.fallback()), "cloudflare", "twilio",
				"free-public-turn")
			.reportConfiguration();

		assertThat(output).doesNotContain("may take up to");
	}

	@Test
	void warnsAtStartupWhenNoFallbackIsListed(CapturedOutput output) {
		chain(List.of(FakeProvider.minting("twilio")), "twilio").reportConfiguration();
		assertThat(output).contains("[TURN] ✅ Twilio credentials configured (position 1 in TURN_PROVIDER_ORDER)")
			.contains("has no free fallback");
	}

	@Test
	void logsOneLineForARequestServedWithoutAnUpstreamCall(CapturedOutput output) {
		chain(List.of(FakeProvider.notConfigured("twilio", "TWILIO_ACCOUNT_SID"), FakeProvider.fallback()), "twilio",
				"free-public-turn")
			.resolve("alice");
		// At the production level; DEBUG adds a line per skipped provider for whoever
		// asks for it.
		assertThat(output.getOut().lines().filter((line) -> line.contains("[TURN]") && !line.contains(" DEBUG ")))
			.singleElement(STRING)
			.endsWith("[TURN] No premium TURN configured (Twilio not found), using free public TURN servers");
	}

	private static ProviderChain chain(List<IceServerProvider> providers, String... order) {
		return TestChains.chain(providers, properties(order));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static TurnProperties properties(String... order) {
		return new TurnProperties(List.of(order), Duration.ofSeconds(86400), 4);
	}

	private static final class HalfConfigured implements IceServerProvider {

		@Override
		public String id() {
			return "twilio";
		}

		@Override
		public String displayName() {
			return "Twilio";
		}

		@Override
		public ProviderConfiguration configuration() {
			return ProviderConfiguration.builder()
				.require("TWILIO_ACCOUNT_SID", "AC123")
				.require("TWILIO_AUTH_TOKEN", "")
				.build();
		}

		@Override
		public ProviderResult fetch(CredentialRequest request) {
			return new Served(List.of(), Optional.empty(), Served.Source.LOCAL);
		}

	}

}
