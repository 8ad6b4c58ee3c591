package io.icebroker.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real coturn ({@code turnserver} from Debian's {@code coturn} package) on a free
 * loopback port, with the TURN REST API shared secret. Started by a test, stopped with
 * {@link #close()}.
 */
public final class CoturnServer implements AutoCloseable {

	public static final String REALM = "test.local";

	private static final Path TURNSERVER = Path.of("/usr/bin/turnserver");

	private final Process process;

	private final Path workDirectory;

	private final int port;

	private final String secret;

	private CoturnServer(Process process, Path workDirectory, int port, String secret) {
		this.process = process;
		this.workDirectory = workDirectory;
		this.port = port;
		this.secret = secret;
	}

	/**
	 * Skip the calling test when coturn is not installed, except on CI ({@code CI=true}),
	 * where a missing {@code turnserver} is a failure: {@code .ci/run} installs it.
	 */
	public static void assumeInstalled() {
		if (Files.isExecutable(TURNSERVER)) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("turnserver is not installed; .ci/run must install the coturn package");
		}
		Assumptions.abort("turnserver is not installed (apt-get install -y coturn)");
	}

	/**
	 * Start coturn with the given shared secret.
	 * @param secret the {@code static-auth-secret}
	 * @return the running server
	 * @throws IOException if it cannot start
	 */
	public static CoturnServer start(String secret) throws IOException {
		assumeInstalled();
		Path workDirectory = Files.createTempDirectory("coturn");
		int port = freePort();
		int minRelayPort = ThreadLocalRandom.current().nextInt(20000, 60000);
		List<String> command = new ArrayList<>(List.of(TURNSERVER.toString(), "-n", "--listening-ip=127.0.0.1",
				"--listening-port=" + port, "--relay-ip=127.0.0.1", "--min-port=" + minRelayPort,
				"--max-port=" + (minRelayPort + 200), "--use-auth-secret", "--static-auth-secret=" + secret,
				"--realm=" + REALM, "--no-tls", "--no-dtls", "--fingerprint", "--allow-loopback-peers", "--no-cli",
				"--log-file=stdout", "--simple-log", "--pidfile=" + workDirectory.resolve("turnserver.pid"),
				"--userdb=" + workDirectory.resolve("turndb")));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(workDirectory.resolve("turnserver.log").toFile())
			.start();
		CoturnServer server = new CoturnServer(process, workDirectory, port, secret);
		server.awaitListening(Duration.ofSeconds(10));
		return server;
	}

	public int port() {
		return this.port;
	}

	public String secret() {
		return this.secret;
	}

	/**
	 * A {@code turn:} URL of this server.
	 * @param transport {@code udp} or {@code tcp}
	 * @return the URL
	 */
	public String turnUrl(String transport) {
		return "turn:127.0.0.1:" + this.port + "?transport=" + transport;
	}

	public String stunUrl() {
		return "stun:127.0.0.1:" + this.port;
	}

	/**
	 * What coturn logged so far.
	 * @return the log
	 * @throws IOException if it cannot be read
	 */
	public String log() throws IOException {
		return Files.readString(this.workDirectory.resolve("turnserver.log"), StandardCharsets.UTF_8);
	}

	/**
	 * Check an allocation with coturn's own client, {@code turnutils_uclient}.
	 * @param username the TURN username
	 * @param password the TURN password
	 * @param tcp whether to use TCP rather than UDP
	 * @return whether the allocation succeeded
	 * @throws IOException if the client cannot run
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean allocates(String username, String password, boolean tcp) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("turnutils_uclient", "-u", username, "-w", password, "-p",
				String.valueOf(this.port), "-y", "-n", "1", "-m", "1", "-e", "127.0.0.1"));
		if (tcp) {
			command.add("-t");
		}
		command.add("127.0.0.1");
		Process client = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!client.waitFor(30, TimeUnit.SECONDS)) {
			client.destroyForcibly();
			return false;
		}
		return client.exitValue() == 0;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitListening(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("turnserver exited with " + this.process.exitValue() + ":\n" + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				sleep(Duration.ofMillis(50));
			}
		}
		close();
		throw new IOException("turnserver did not listen on port " + this.port + " within " + timeout);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
