package io.icebroker.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Sends each WireMock stand-in one request before a test class starts. A server's first
 * request loads much of its code, which under JaCoCo on this shared machine has taken
 * over five seconds: paid here, it cannot eat into a provider's read timeout. Call it
 * from a {@code @BeforeAll} method; {@link WireMockExtension} resets the stub and the
 * request journal before each test.
 */
public final class WireMockWarmUp {

	private WireMockWarmUp() {
	}

	public static void warmUp(WireMockExtension... servers) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		for (WireMockExtension server : servers) {
			server.stubFor(post(urlEqualTo("/warm-up")).willReturn(aResponse().withStatus(204)));
			client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/warm-up"))
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.discarding());
		}
	}

}
