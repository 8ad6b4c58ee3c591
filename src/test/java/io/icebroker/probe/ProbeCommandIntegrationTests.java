package io.icebroker.probe;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.icebroker.IceBrokerApplication;
import io.icebroker.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --probe} run in process, as {@code IceBrokerApplication.main} runs it, against a
 * real coturn served through the free fallback.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProbeCommandIntegrationTests {

	private static ProbeCoturn rightSecret;

	private static ProbeCoturn wrongSecret;

	@BeforeAll
	static void startCoturn() throws Exception {
		rightSecret = ProbeCoturn.start(TestSecrets.COTURN_SECRET);
		wrongSecret = ProbeCoturn.start("not-the-coturn-secret");
	}

	@AfterAll
	static void stopCoturn() {
		rightSecret.close();
		wrongSecret.close();
	}

	@Test
	void printsTheRelayedAddressesAndExitsZeroWhenARelayWorks(CapturedOutput output) {
		Run run = probe(rightSecret, "--probe");

		assertThat(run.status()).isZero();
		assertThat(run.table()).contains("TURN probe of what GET /turn/credentials serves now")
			.containsPattern("free-public-turn +success")
			.containsPattern("free-public-turn +" + quoted(rightSecret.coturn().turnUrl("udp"))
					+ " +udp +OK +relay 127\\.0\\.0\\.1:\\d+ in \\d+ ms")
			.containsPattern("free-public-turn +" + quoted(rightSecret.coturn().turnUrl("tcp"))
					+ " +tcp +OK +relay 127\\.0\\.0\\.1:\\d+ in \\d+ ms")
			.containsPattern(quoted(rightSecret.coturn().stunUrl()) + " +udp +OK +STUN binding answered")
			.contains("2 of 2 TURN URL(s) relay: TURN works.");
		assertNoCredential(run, output, rightSecret);
	}

	@Test
	void printsUnauthorizedAndExitsNonZeroWhenTheSecretIsWrong(CapturedOutput output) {
		Run run = probe(wrongSecret, "--probe");

		assertThat(run.status()).isEqualTo(ProbeCommand.NO_RELAY);
		assertThat(run.table())
			.containsPattern(quoted(wrongSecret.coturn().turnUrl("udp")) + " +udp +FAIL +401 Unauthorized")
			.containsPattern(quoted(wrongSecret.coturn().turnUrl("tcp")) + " +tcp +FAIL +401 Unauthorized")
			.contains("0 of 2 TURN URL(s) relay: NO working TURN relay.");
		assertNoCredential(run, output, wrongSecret);
	}

	@Test
	void probesEveryConfiguredProviderWithProbeAll() {
		Run run = probe(rightSecret, "--probe=all");

		assertThat(run.status()).isZero();
		assertThat(run.table()).contains("TURN probe of every configured provider")
			.containsPattern("free-public-turn +success")
			.contains("2 of 2 TURN URL(s) relay: TURN works.");
	}

	@Test
	void recognisesTheProbeOption() {
		assertThat(ProbeCommand.requested(new String[] { "--probe" })).isTrue();
		assertThat(ProbeCommand.requested(new String[] { "--server.port=0", "--probe=all" })).isTrue();
		assertThat(ProbeCommand.requested(new String[] { "--server.port=0" })).isFalse();
		assertThat(ProbeCommand.requested(new String[] { "--prober" })).isFalse();
		assertThat(ProbeCommand.scope(new String[] { "--probe" })).isEmpty();
		assertThat(ProbeCommand.scope(new String[] { "--probe=chain" })).isEmpty();
		assertThat(ProbeCommand.scope(new String[] { "--probe=all" })).contains("all");
		assertThat(ProbeCommand.scope(new String[] { "--probe=twilio" })).contains("twilio");
	}

	private static void assertNoCredential(Run run, CapturedOutput output, ProbeCoturn coturn) {
		assertThat(run.table()).doesNotContain(coturn.credential().password())
			.doesNotContain(coturn.credential().username());
		assertThat(output.toString()).doesNotContain(coturn.credential().password());
	}

	private static Run probe(ProbeCoturn coturn, String option) {
		List<String> args = new ArrayList<>(List.of(option));
		args.addAll(Arrays.asList(coturn.arguments()));
		ByteArrayOutputStream table = new ByteArrayOutputStream();
		int status = ProbeCommand.run(IceBrokerApplication.class, args.toArray(String[]::new),
				new PrintStream(table, true, StandardCharsets.UTF_8));
		return new Run(status, table.toString(StandardCharsets.UTF_8));
	}

	private static String quoted(String text) {
		return java.util.regex.Pattern.quote(text);
	}

	private record Run(int status, String table) {
	}

}
