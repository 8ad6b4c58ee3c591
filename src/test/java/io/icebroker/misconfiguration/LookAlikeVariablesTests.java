package io.icebroker.misconfiguration;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LookAlikeVariablesTests {

	private static final Set<String> READ = EnvironmentVariables.fromApplicationYaml().names();

	// Some of those Twilio, Cloudflare and Metered declare.
	private static final Map<String, String> ALIASES = Map.of("TWILIO_SID", "TWILIO_ACCOUNT_SID", "TWILIO_TOKEN",
			"TWILIO_AUTH_TOKEN", "CLOUDFLARE_KEY", "CLOUDFLARE_TURN_KEY", "CLOUDFLARE_TOKEN", "CLOUDFLARE_API_TOKEN",
			"METERED_KEY", "METERED_API_KEY");

	@Test
	void namesTheVariableACommonAliasWasMeantToBe() {
		LookAlikeVariables lookAlikes = new LookAlikeVariables(Set.of(), READ, ALIASES);

		assertThat(lookAlikes.meant("TWILIO_SID")).contains("TWILIO_ACCOUNT_SID");
		assertThat(lookAlikes.meant("TWILIO_TOKEN")).contains("TWILIO_AUTH_TOKEN");
		assertThat(lookAlikes.meant("CLOUDFLARE_KEY")).contains("CLOUDFLARE_TURN_KEY");
		assertThat(lookAlikes.meant("CLOUDFLARE_TOKEN")).contains("CLOUDFLARE_API_TOKEN");
		assertThat(lookAlikes.meant("METERED_KEY")).contains("METERED_API_KEY");
	}

	@Test
	void namesTheVariableALowerCaseOrMisspelledNameWasMeantToBe() {
		LookAlikeVariables lookAlikes = new LookAlikeVariables(Set.of(), READ, ALIASES);

		assertThat(lookAlikes.meant("twilio_auth_token")).contains("TWILIO_AUTH_TOKEN");
		assertThat(lookAlikes.meant("TWILLIO_AUTH_TOKEN")).contains("TWILIO_AUTH_TOKEN");
		assertThat(lookAlikes.meant("CLOUDFARE_API_TOKEN")).contains("CLOUDFLARE_API_TOKEN");
		assertThat(lookAlikes.meant("TURN_PROVIDERS_ORDER")).contains("TURN_PROVIDER_ORDER");
	}

	@Test
	void leavesVariablesItReadsAndUnrelatedOnesAlone() {
		LookAlikeVariables lookAlikes = new LookAlikeVariables(Set.of("TWILIO_AUTH_TOKEN"), READ, ALIASES);

		assertThat(lookAlikes.meant("TWILIO_AUTH_TOKEN")).isEmpty();
		assertThat(lookAlikes.meant("PATH")).isEmpty();
		assertThat(lookAlikes.meant("HOME")).isEmpty();
		assertThat(lookAlikes.meant("JAVA_HOME")).isEmpty();
		assertThat(lookAlikes.meant("RAILWAY_ENVIRONMENT_NAME")).isEmpty();
		// The right one is set as well: the other is someone else's.
		assertThat(lookAlikes.meant("TWILIO_TOKEN")).isEmpty();
	}

	@Test
	void warnsOncePerLookAlikeWithoutItsValue(CapturedOutput output) {
		new LookAlikeVariables(Set.of("TWILIO_TOKEN", "METERED_KEY", "PATH"), READ, ALIASES).onApplicationEvent(null);

		assertThat(output)
			.containsOnlyOnce("[TURN] ⚠️ TWILIO_TOKEN is set but IceBroker reads TWILIO_AUTH_TOKEN: rename it")
			.containsOnlyOnce("[TURN] ⚠️ METERED_KEY is set but IceBroker reads METERED_API_KEY: rename it")
			.doesNotContain("PATH");
	}

}
