package io.icebroker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registered for every test class (see {@code META-INF/services}): copies everything
 * written to stdout and stderr while the class runs, and fails the class if any
 * {@link TestSecrets} value appears in it, in any form ({@link TestSecrets#ALL_FORMS}).
 * Credentials minted for clients ({@link TestSecrets#UPSTREAM_TURN_CREDENTIAL}) belong in
 * response bodies, never in logs, so they count too.
 */
public class SecretLeakExtension implements BeforeAllCallback, AfterAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(SecretLeakExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		Streams streams = new Streams(System.out, System.err, copy);
		System.setOut(new PrintStream(new Tee(streams.out(), copy), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new Tee(streams.err(), copy), true, StandardCharsets.UTF_8));
		context.getStore(NAMESPACE).put(Streams.class, streams);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		Streams streams = context.getStore(NAMESPACE).remove(Streams.class, Streams.class);
		System.setOut(streams.out());
		System.setErr(streams.err());
		String output = streams.copy().toString(StandardCharsets.UTF_8);
		for (String form : TestSecrets.ALL_FORMS) {
			assertThat(output).as("output of %s", context.getDisplayName()).doesNotContain(form);
		}
		List<String> leaks = List.copyOf(ResponseSecretsFilter.leaks);
		ResponseSecretsFilter.leaks.clear();
		assertThat(leaks).as("responses of %s", context.getDisplayName()).isEmpty();
	}

	private record Streams(PrintStream out, PrintStream err, ByteArrayOutputStream copy) {
	}

	private static final class Tee extends OutputStream {

		private final OutputStream first;

		private final OutputStream second;

		Tee(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws java.io.IOException {
			this.first.write(b);
			synchronized (this.second) {
				this.second.write(b);
			}
		}

		@Override
		public void write(byte[] b, int off, int len) throws java.io.IOException {
			this.first.write(b, off, len);
			synchronized (this.second) {
				this.second.write(b, off, len);
			}
		}

		@Override
		public void flush() throws java.io.IOException {
			this.first.flush();
		}

	}

}
