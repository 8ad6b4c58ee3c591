package io.icebroker.misconfiguration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.icebroker.testsupport.ServiceStart.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Settings of the chain's own records that stop start-up with one block naming the
 * variable and the fix, and no stack trace. They pass once the chain's records throw
 * {@link MisconfigurationException} and the chain checks its order with
 * {@code ProviderOrder.requireKnown}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChainSettingsMisconfigurationTests {

	@Test
	void aMistypedProviderIdStopsStartupListingTheIdsAndTheOneMeant(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("TURN_PROVIDER_ORDER=cloudfare,twilio,free-public-turn"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_PROVIDER_ORDER names 'cloudfare', which is not a provider",
				"Set TURN_PROVIDER_ORDER to comma-separated provider ids, tried in that order, from: ", "cloudflare, ",
				"twilio", "coturn", "metered", "free-public-turn", "Did you mean 'cloudflare'?");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-5", "0", "4" })
	void aCredentialTtlBelowFiveSecondsStopsStartup(String ttl, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("TURN_CREDENTIAL_TTL=" + ttl));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_CREDENTIAL_TTL is " + ttl + " s, less than the minimum of 5 s",
				"Set TURN_CREDENTIAL_TTL to the credentials' lifetime in seconds, at least 5 (default 86400)");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0s", "5m" })
	void aChainDeadlineOutOfRangeStopsStartup(String deadline, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("TURN_CHAIN_DEADLINE=" + deadline));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_CHAIN_DEADLINE is " + deadline + ", outside 100ms to 30s",
				"Set TURN_CHAIN_DEADLINE to how long a client may wait for its answer, such as 3s (the default)");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "TURN_MAX_URLS=0|TURN_MAX_URLS is 0, outside 1 to 10|Set TURN_MAX_URLS to the most URLs",
			"TURN_MAX_URLS=11|TURN_MAX_URLS is 11, outside 1 to 10|Set TURN_MAX_URLS to the most URLs",
			"TURN_UPSTREAM_THREADS=0|TURN_UPSTREAM_THREADS is 0, outside 1 to 256|Set TURN_UPSTREAM_THREADS to",
			"TURN_CACHE_MIN_REMAINING=1|TURN_CACHE_MIN_REMAINING is 1.0, not between 0 and 1|Set TURN_CACHE_MIN_REMAINING to",
			"TURN_RATE_LIMIT_PER_MINUTE=-1|TURN_RATE_LIMIT_PER_MINUTE is negative|or 0 to turn rate limiting off",
			"TURN_PROVIDER_ORDER=' , '|TURN_PROVIDER_ORDER names no provider|Set TURN_PROVIDER_ORDER to provider ids",
			"METERED_APP_NAME=myapp.metered.live|METERED_APP_NAME is 'myapp.metered.live', which is not a subdomain|"
					+ "Set METERED_APP_NAME to the app's subdomain: myapp for myapp.metered.live.",
			"TURN_PROBE_INTERVAL=30s|TURN_PROBE_INTERVAL must be 0 (off) or at least 1m|Set TURN_PROBE_INTERVAL to",
			"TURN_ALLOWED_ORIGINS=https://*.example.test|TURN_ALLOWED_ORIGINS entry 'https://*.example.test' is not an"
					+ " exact origin|such as https://app.example.com" })
	void aNumberOrNameOutOfRangeStopsStartupNamingTheVariable(String setting, CapturedOutput output) {
		String[] parts = setting.split("\\|");
		String assignment = parts[0].replace("'", "");

		assertThatException().isThrownBy(() -> start(assignment));

		assertThat(output).contains("APPLICATION FAILED TO START", parts[1], parts[2]);
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

	@Test
	void aCacheSwitchThatIsNotOnOrOffStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("TURN_CACHE=yes"));

		assertThat(output).contains("APPLICATION FAILED TO START", "TURN_CACHE is 'yes', which is not one of on, off",
				"Set TURN_CACHE to one of on, off.");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

}
