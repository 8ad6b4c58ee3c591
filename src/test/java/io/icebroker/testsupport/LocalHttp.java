package io.icebroker.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain requests to the service under test on loopback, with the JDK's client, which
 * sends headers as given and follows no redirect.
 */
public final class LocalHttp {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private LocalHttp() {
	}

	/**
	 * {@code GET} a path.
	 * @param port the loopback port
	 * @param pathAndQuery e.g. {@code /turn/credentials?userId=alice}
	 * @param headers name, value, name, value...
	 * @return the answer
	 */
	public static HttpResponse<String> get(int port, String pathAndQuery, String... headers) {
		return send("GET", port, pathAndQuery, headers);
	}

	/**
	 * Any method, without a body.
	 * @param method the method
	 * @param port the loopback port
	 * @param pathAndQuery the path
	 * @param headers name, value, name, value...
	 * @return the answer
	 */
	public static HttpResponse<String> send(String method, int port, String pathAndQuery, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody());
		for (int index = 0; index < headers.length; index += 2) {
			request.header(headers[index], headers[index + 1]);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request to the service under test failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
