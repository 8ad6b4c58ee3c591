package io.icebroker.ops.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.icebroker.chain.Attempt;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.Served;
import io.icebroker.provider.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderActivityTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private final ProviderActivity activity = new ProviderActivity(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void remembersTheStatusAndMessageButNotTheDetailsOfAnError() {
		this.activity.attempted(
				new Attempt("twilio", FellThrough.httpError(503, "Server error (503)", Map.of("body", "upstream text")),
						Duration.ZERO, true));
		assertThat(this.activity.lastError("twilio"))
			.contains(new ProviderStatus.Failure(NOW, Outcome.ERROR, 503, "Server error (503)"));
	}

	@Test
	void remembersATimeoutWithoutStatus() {
		this.activity.attempted(new Attempt("cloudflare", FellThrough.timeout("Timed out"), Duration.ZERO, true));
		assertThat(this.activity.lastError("cloudflare"))
			.contains(new ProviderStatus.Failure(NOW, Outcome.TIMEOUT, null, "Timed out"));
	}

	@Test
	void remembersASuccessServedFromCacheAsCached() {
		this.activity.attempted(new Attempt("twilio",
				new Served(List.of(), Optional.of(NOW.plusSeconds(60)), Served.Source.CACHE), Duration.ZERO, false));
		assertThat(this.activity.lastSuccess("twilio")).contains(new ProviderStatus.Success(NOW, Outcome.CACHED));
		assertThat(this.activity.lastError("twilio")).isEmpty();
	}

	@Test
	void doesNotCountSkippingAnUnconfiguredProviderAsAnError() {
		this.activity.attempted(new Attempt("cloudflare", FellThrough.notConfigured(), Duration.ZERO, false));
		assertThat(this.activity.lastError("cloudflare")).isEmpty();
	}

	@Test
	void countsAnAnswerWithoutUsableServersAsAnError() {
		this.activity.attempted(new Attempt("twilio",
				new FellThrough(Outcome.ERROR, "No usable ICE servers in the answer", Map.of(), OptionalInt.empty()),
				Duration.ZERO, true));
		assertThat(this.activity.lastError("twilio")).map(ProviderStatus.Failure::message)
			.contains("No usable ICE servers in the answer");
	}

}
