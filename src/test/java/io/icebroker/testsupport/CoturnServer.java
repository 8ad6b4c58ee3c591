package io.icebroker.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
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

	private final int tlsPort;

	private final @Nullable Certificate certificate;

	private CoturnServer(Process process, Path workDirectory, int port, String secret, int tlsPort,
			@Nullable Certificate certificate) {
		this.process = process;
		this.workDirectory = workDirectory;
		this.port = port;
		this.secret = secret;
		this.tlsPort = tlsPort;
		this.certificate = certificate;
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
		return builder(secret).start();
	}

	/**
	 * Options beyond {@link #start(String)}: TLS, a per-user allocation quota.
	 * @param secret the {@code static-auth-secret}
	 * @return a builder
	 */
	public static Builder builder(String secret) {
		return new Builder(secret);
	}

	/**
	 * The port of TURN over TLS.
	 * @return the port
	 * @throws IllegalStateException unless started {@link Builder#withTls() with TLS}
	 */
	public int tlsPort() {
		if (this.tlsPort == 0) {
			throw new IllegalStateException("Started without TLS");
		}
		return this.tlsPort;
	}

	/**
	 * A {@code turns:} URL of this server.
	 * @return the URL
	 */
	public String turnsUrl() {
		return "turns:127.0.0.1:" + tlsPort() + "?transport=tcp";
	}

	/**
	 * A TLS client context that trusts this server's self-signed certificate, and nothing
	 * else.
	 * @return the context
	 */
	public SSLContext trustingSslContext() {
		if (this.certificate == null) {
			throw new IllegalStateException("Started without TLS");
		}
		try {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			trustStore.setCertificateEntry("coturn", this.certificate);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot trust the test certificate", ex);
		}
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
	 * Check an allocation with coturn's own client, {@code turnutils_uclient}. The client
	 * says {@code Total connect time is} once every one of its sessions has allocated a
	 * relay (and bound its peer), and exits with an error as soon as one cannot; what
	 * follows that line is seconds of test traffic whose loss never changes its exit
	 * code, so the check stops it there.
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
		Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
		CompletableFuture<Boolean> connected = CompletableFuture.supplyAsync(() -> {
			try (BufferedReader output = client.inputReader(StandardCharsets.UTF_8)) {
				return output.lines().anyMatch((line) -> line.contains("Total connect time is"));
			}
			catch (IOException | UncheckedIOException ex) {
				return false;
			}
		});
		try {
			return connected.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
		finally {
			client.destroyForcibly();
			client.waitFor(5, TimeUnit.SECONDS);
		}
	}

	/**
	 * Check an allocation over UDP and one over TCP, at the same time.
	 * @param username the TURN username
	 * @param password the TURN password
	 * @return whether each succeeded
	 * @throws IOException if the client cannot run
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Allocations allocatesOverUdpAndTcp(String username, String password)
			throws IOException, InterruptedException {
		CompletableFuture<Boolean> tcp = CompletableFuture.supplyAsync(() -> {
			try {
				return allocates(username, password, true);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		});
		boolean udp = allocates(username, password, false);
		return new Allocations(udp, tcp.join());
	}

	/**
	 * What coturn's own client got.
	 *
	 * @param udp whether the allocation over UDP succeeded
	 * @param tcp whether the allocation over TCP succeeded
	 */
	public record Allocations(boolean udp, boolean tcp) {

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
		awaitListening(this.port, timeout);
	}

	private void awaitListening(int port, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("turnserver exited with " + this.process.exitValue() + ":\n" + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				sleep(Duration.ofMillis(50));
			}
		}
		close();
		throw new IOException("turnserver did not listen on port " + port + " within " + timeout);
	}

	/**
	 * A key pair and self-signed certificate from {@code keytool}, written as the PEM
	 * files coturn reads ({@code cert.pem}, and {@code key.pem} in PKCS#8).
	 */
	private static Certificate generateCertificate(Path workDirectory) throws IOException {
		Path keyStoreFile = workDirectory.resolve("coturn.p12");
		String password = "coturn-test-keystore";
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process keytoolProcess = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "coturn", "-keyalg",
				"EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "2", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
				keyStoreFile.toString(), "-storepass", password, "-keypass", password)
			.redirectErrorStream(true)
			.redirectOutput(workDirectory.resolve("keytool.log").toFile())
			.start();
		try {
			if (!keytoolProcess.waitFor(60, TimeUnit.SECONDS) || keytoolProcess.exitValue() != 0) {
				keytoolProcess.destroyForcibly();
				throw new IOException("keytool failed:\n" + Files.readString(workDirectory.resolve("keytool.log")));
			}
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (var input = Files.newInputStream(keyStoreFile)) {
				keyStore.load(input, password.toCharArray());
			}
			Certificate certificate = keyStore.getCertificate("coturn");
			java.security.Key key = keyStore.getKey("coturn", password.toCharArray());
			Files.writeString(workDirectory.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
			Files.writeString(workDirectory.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
			return certificate;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while generating the certificate", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Cannot read the generated certificate", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Starts coturn with options.
	 */
	public static final class Builder {

		private final String secret;

		private boolean tls;

		private int userQuota;

		private boolean verbose;

		private Builder(String secret) {
			this.secret = secret;
		}

		/**
		 * Also listen for TURN over TLS, with a self-signed certificate for
		 * {@code 127.0.0.1} and {@code localhost} made by {@code keytool} for this run.
		 * Clients trust it through {@link CoturnServer#trustingSslContext()}.
		 * @return this builder
		 */
		public Builder withTls() {
			this.tls = true;
			return this;
		}

		/**
		 * Allow each username at most this many allocations at a time (coturn's
		 * {@code --user-quota}); beyond it coturn answers 486 Allocation Quota Reached.
		 * @param quota the quota
		 * @return this builder
		 */
		public Builder withUserQuota(int quota) {
			this.userQuota = quota;
			return this;
		}

		/**
		 * Log every session (coturn's {@code --verbose}): which username allocated, and
		 * when, so that a test can read it in {@link CoturnServer#log()}.
		 * @return this builder
		 */
		public Builder withSessionLog() {
			this.verbose = true;
			return this;
		}

		/**
		 * Start coturn.
		 * @return the running server
		 * @throws IOException if it cannot start
		 */
		public CoturnServer start() throws IOException {
			assumeInstalled();
			Path workDirectory = Files.createTempDirectory("coturn");
			Certificate certificate = this.tls ? generateCertificate(workDirectory) : null;
			int port = LoopbackPorts.free();
			int tlsPort = this.tls ? LoopbackPorts.free() : 0;
			int minRelayPort = ThreadLocalRandom.current().nextInt(20000, 60000);
			List<String> command = new ArrayList<>(
					List.of(TURNSERVER.toString(), "-n", "--listening-ip=127.0.0.1", "--listening-port=" + port,
							"--relay-ip=127.0.0.1", "--min-port=" + minRelayPort, "--max-port=" + (minRelayPort + 200),
							"--use-auth-secret", "--static-auth-secret=" + this.secret, "--realm=" + REALM));
			if (this.tls) {
				command.addAll(List.of("--tls-listening-port=" + tlsPort, "--cert=" + workDirectory.resolve("cert.pem"),
						"--pkey=" + workDirectory.resolve("key.pem")));
			}
			else {
				command.add("--no-tls");
			}
			if (this.verbose) {
				command.add("--verbose");
			}
			if (this.userQuota > 0) {
				command.add("--user-quota=" + this.userQuota);
			}
			command.addAll(List.of("--no-dtls", "--fingerprint", "--allow-loopback-peers", "--no-cli",
					"--log-file=stdout", "--simple-log", "--pidfile=" + workDirectory.resolve("turnserver.pid"),
					"--userdb=" + workDirectory.resolve("turndb")));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(workDirectory.resolve("turnserver.log").toFile())
				.start();
			CoturnServer server = new CoturnServer(process, workDirectory, port, this.secret, tlsPort, certificate);
			server.awaitListening(Duration.ofSeconds(10));
			if (this.tls) {
				server.awaitListening(tlsPort, Duration.ofSeconds(10));
			}
			return server;
		}

	}

}
