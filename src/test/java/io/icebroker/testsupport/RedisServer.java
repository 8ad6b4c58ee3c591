package io.icebroker.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real Redis ({@code redis-server} from Debian's {@code redis-server} package) on a
 * free loopback port, with a password, persisting nothing. It can be killed and started
 * again on the same port, as an outage.
 */
public final class RedisServer implements AutoCloseable {

	public static final String PASSWORD = "redis-test-password-4f1c";

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	private final int port;

	private final Path workDirectory;

	private Process process;

	private RedisServer(int port, Path workDirectory) {
		this.port = port;
		this.workDirectory = workDirectory;
	}

	/**
	 * Skip the calling test when Redis is not installed, except on CI ({@code CI=true}),
	 * where a missing {@code redis-server} is a failure: {@code .ci/run} installs it.
	 */
	public static void assumeInstalled() {
		if (Files.isExecutable(REDIS_SERVER)) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("redis-server is not installed; .ci/run must install the redis-server package");
		}
		Assumptions.abort("redis-server is not installed (apt-get install -y redis-server)");
	}

	/**
	 * Start Redis on a free port.
	 * @return the running server
	 * @throws IOException if it cannot start
	 */
	public static RedisServer start() throws IOException {
		assumeInstalled();
		RedisServer server = new RedisServer(LoopbackPorts.free(), Files.createTempDirectory("redis"));
		server.restart();
		return server;
	}

	/**
	 * The {@code REDIS_URL} of this server, with its password.
	 * @return the URL
	 */
	public String url() {
		return "redis://:" + PASSWORD + "@127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Kill the process at once ({@code SIGKILL}), as a crash: connections drop, nothing
	 * is saved.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Start the server (again) on the same port, empty.
	 * @throws IOException if it cannot start
	 */
	public void restart() throws IOException {
		List<String> command = List.of(REDIS_SERVER.toString(), "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", PASSWORD, "--dir",
				this.workDirectory.toString(), "--protected-mode", "no");
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.workDirectory.resolve("redis.log").toFile())
			.start();
		awaitReady(Duration.ofSeconds(10));
	}

	/**
	 * Send one command and read the first line of the answer.
	 * @param arguments the command and its arguments
	 * @return the answer's first line, e.g. {@code +PONG} or {@code :3}
	 * @throws IOException if Redis does not answer
	 */
	public String command(String... arguments) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write(resp("AUTH", PASSWORD));
			out.write(resp(arguments));
			out.flush();
			InputStream in = socket.getInputStream();
			String auth = readLine(in);
			if (!auth.equals("+OK")) {
				throw new IOException("AUTH answered " + auth);
			}
			String answer = readLine(in);
			if (answer.startsWith("*")) {
				StringBuilder all = new StringBuilder(answer);
				int count = Integer.parseInt(answer.substring(1));
				for (int i = 0; i < count; i++) {
					all.append('\n').append(readLine(in)).append('\n').append(readLine(in));
				}
				return all.toString();
			}
			if (answer.startsWith("$") && !answer.equals("$-1")) {
				return readLine(in);
			}
			return answer;
		}
	}

	@Override
	public void close() {
		if (this.process != null) {
			kill();
		}
	}

	private void awaitReady(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		IOException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("redis-server exited with " + this.process.exitValue() + ":\n"
						+ Files.readString(this.workDirectory.resolve("redis.log")));
			}
			try {
				if (command("PING").equals("+PONG")) {
					return;
				}
			}
			catch (IOException ex) {
				last = ex;
			}
			try {
				this.process.waitFor(50, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted", ex);
			}
		}
		close();
		throw new IOException("redis-server did not answer on port " + this.port + " within " + timeout, last);
	}

	private static byte[] resp(String... arguments) {
		StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
		for (String argument : arguments) {
			request.append('$')
				.append(argument.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n")
				.append(argument)
				.append("\r\n");
		}
		return request.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int previous = -1;
		while (true) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("Redis closed the connection");
			}
			if (previous == '\r' && next == '\n') {
				line.setLength(line.length() - 1);
				return line.toString();
			}
			line.append((char) next);
			previous = next;
		}
	}

}
