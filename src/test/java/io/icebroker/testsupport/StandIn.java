package io.icebroker.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link TwilioApi}, {@link CloudflareApi} and {@link MeteredApi} share: one
 * WireMock server on a free loopback port per test JVM, started on first use, warmed up
 * with one request, stopped when the JVM exits, and reset before each test of a class
 * that registers it with {@code @RegisterExtension}.
 * <p>
 * One server per JVM keeps the base URL the same for every test class, so Spring's
 * context cache can hand classes with the same properties the same context; see
 * {@link StandInProperties}.
 */
public abstract class StandIn implements BeforeEachCallback {

	private final WireMockServer server;

	protected StandIn() {
		this.server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		this.server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(this.server::stop, getClass().getSimpleName()));
		warmUp();
		reset();
	}

	/**
	 * A cold WireMock can take longer than a read timeout to answer its first request
	 * (over five seconds under JaCoCo on this shared machine): pay that here.
	 */
	private void warmUp() {
		this.server.stubFor(WireMock.post(WireMock.urlEqualTo("/warm-up")).willReturn(WireMock.noContent()));
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/warm-up"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build();
		try {
			HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The stand-in did not answer its warm-up", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The base URL to give the application: {@code localhost}, because twilio-java
	 * re-parses dotted hosts.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://localhost:" + this.server.port();
	}

	/**
	 * Forget every request and answer as a fresh stand-in does.
	 */
	public void reset() {
		this.server.resetAll();
		answersAsTheRealApi();
	}

	/**
	 * Stub the answer a fresh stand-in gives.
	 */
	protected abstract void answersAsTheRealApi();

	/**
	 * How many requests of any kind arrived.
	 * @return the count
	 */
	public int requests() {
		return this.server.getAllServeEvents().size();
	}

	/**
	 * How many requests matched.
	 * @param pattern the requests to count
	 * @return the count
	 */
	public int requests(RequestPatternBuilder pattern) {
		return this.server.countRequestsMatching(pattern.build()).getCount();
	}

	/**
	 * Check that exactly {@code count} requests matched.
	 * @param count the expected count
	 * @param pattern the requests to count
	 */
	public void verify(int count, RequestPatternBuilder pattern) {
		this.server.verify(count, pattern);
	}

	protected WireMockServer server() {
		return this.server;
	}

	/**
	 * Registered with {@code @RegisterExtension}: every test starts from a stand-in that
	 * answers as the real API does and has seen no request.
	 * @param context the test
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

}
