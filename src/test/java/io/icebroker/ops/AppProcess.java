package io.icebroker.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.icebroker.IceBrokerApplication;

/**
 * The application in a JVM of its own, on this build's classpath, so that its stdout is
 * exactly what a container would print: nothing of the test framework mixes in.
 */
public final class AppProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("started on port (\\d+)");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	// Variables the application reads: the child must see only what the test sets.
	private static final List<String> INHERITED_PREFIXES_TO_DROP = List.of("PORT", "TURN_", "CLOUDFLARE_", "TWILIO_",
			"COTURN_", "METERED_", "PUBLIC_", "LOGGING_", "SPRING_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

	private final Process process;

	private final List<String> stdout = new ArrayList<>();

	private final List<String> stderr = new ArrayList<>();

	private final List<Thread> readers;

	private final int port;

	private AppProcess(Process process) {
		this.process = process;
		this.readers = List.of(reader(process.getInputStream(), this.stdout),
				reader(process.getErrorStream(), this.stderr));
		this.readers.forEach(Thread::start);
		this.port = awaitPort();
	}

	/**
	 * Start the application and wait until it listens.
	 * @param environment the variables to set, by their contract names
	 * @return the running application
	 */
	public static AppProcess start(Map<String, String> environment) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), IceBrokerApplication.class.getName());
		builder.environment()
			.keySet()
			.removeIf((name) -> INHERITED_PREFIXES_TO_DROP.stream().anyMatch(name::startsWith));
		builder.environment().put("PORT", "0");
		builder.environment().putAll(environment);
		try {
			return new AppProcess(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Everything the application printed to stdout so far.
	 * @return the lines
	 */
	public List<String> stdout() {
		synchronized (this.stdout) {
			return List.copyOf(this.stdout);
		}
	}

	/**
	 * Everything the application printed to stderr so far.
	 * @return the lines
	 */
	public List<String> stderr() {
		synchronized (this.stderr) {
			return List.copyOf(this.stderr);
		}
	}

	/**
	 * Stop the application as a container runtime does (SIGTERM) and wait for it, so that
	 * its shutdown lines are in {@link #stdout()} too.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			for (Thread reader : this.readers) {
				reader.join(10_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// The line is searched as text, so this works for plain and JSON logs alike.
	private int awaitPort() {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		int seen = 0;
		while (System.nanoTime() < deadline) {
			List<String> lines = stdout();
			for (; seen < lines.size(); seen++) {
				Matcher started = STARTED.matcher(lines.get(seen));
				if (started.find()) {
					return Integer.parseInt(started.group(1));
				}
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The application exited with " + this.process.exitValue()
						+ "\nstdout:\n" + String.join("\n", stdout()) + "\nstderr:\n" + String.join("\n", stderr()));
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		close();
		throw new IllegalStateException("The application did not start within " + STARTUP_TIMEOUT + "\nstdout:\n"
				+ String.join("\n", stdout()) + "\nstderr:\n" + String.join("\n", stderr()));
	}

	private static Thread reader(InputStream stream, List<String> lines) {
		Thread thread = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					synchronized (lines) {
						lines.add(line);
					}
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		}, "app-process-reader");
		thread.setDaemon(true);
		return thread;
	}

}
