package io.icebroker.probe;

import java.io.IOException;
import java.time.Duration;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.CoturnServer;
import io.icebroker.testsupport.TurnRestCredential;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A coturn for the probe's end-to-end tests, served through the free fallback's static
 * TURN entry: STUN, TURN over UDP and TURN over TCP on loopback.
 */
final class ProbeCoturn implements AutoCloseable {

	private final CoturnServer coturn;

	private final TurnRestCredential credential;

	private ProbeCoturn(CoturnServer coturn, TurnRestCredential credential) {
		this.coturn = coturn;
		this.credential = credential;
	}

	/**
	 * Start coturn with {@link TestSecrets#COTURN_SECRET}, and compute the credential the
	 * fallback serves from {@code credentialSecret}.
	 * @param credentialSecret the secret the served credential is made with
	 * @return the server
	 * @throws IOException if coturn cannot start
	 */
	static ProbeCoturn start(String credentialSecret) throws IOException {
		return new ProbeCoturn(CoturnServer.start(TestSecrets.COTURN_SECRET),
				TurnRestCredential.validFor(credentialSecret, "probe", Duration.ofHours(1)));
	}

	CoturnServer coturn() {
		return this.coturn;
	}

	TurnRestCredential credential() {
		return this.credential;
	}

	/**
	 * The environment that makes the free fallback, alone in the chain, serve this
	 * coturn.
	 * @return command-line arguments
	 */
	String[] arguments() {
		return new String[] { "--TURN_PROVIDER_ORDER=free-public-turn", "--PUBLIC_STUN_URLS=" + this.coturn.stunUrl(),
				"--PUBLIC_TURN_URLS=" + this.coturn.turnUrl("udp") + "," + this.coturn.turnUrl("tcp"),
				"--PUBLIC_TURN_USERNAME=" + this.credential.username(),
				"--PUBLIC_TURN_CREDENTIAL=" + this.credential.password() };
	}

	void register(DynamicPropertyRegistry registry) {
		registry.add("TURN_PROVIDER_ORDER", () -> "free-public-turn");
		registry.add("PUBLIC_STUN_URLS", this.coturn::stunUrl);
		registry.add("PUBLIC_TURN_URLS", () -> this.coturn.turnUrl("udp") + "," + this.coturn.turnUrl("tcp"));
		registry.add("PUBLIC_TURN_USERNAME", this.credential::username);
		registry.add("PUBLIC_TURN_CREDENTIAL", this.credential::password);
	}

	@Override
	public void close() {
		this.coturn.close();
	}

}
