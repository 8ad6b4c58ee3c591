package io.icebroker.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain requests to the service under test on loopback, with the JDK's client, which
 * sends headers as given, follows no redirect and returns every status as is. For bytes
 * no client would send, use {@link RawHttp}.
 */
public final class LocalHttp {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

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
		// A loaded machine running other builds has taken tens of seconds to answer.
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
			.timeout(Duration.ofSeconds(60))
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

	/**
	 * The body of an answer as JSON.
	 * @param response the answer
	 * @return its body
	 */
	public static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/**
	 * {@code GET} a path and insist on a {@code 200}.
	 * @param port the loopback port
	 * @param pathAndQuery the path
	 * @return the body as JSON
	 */
	public static JsonNode okJson(int port, String pathAndQuery) {
		HttpResponse<String> response = get(port, pathAndQuery);
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
		}
		return json(response);
	}

	/**
	 * Ask for credentials and insist on a {@code 200}.
	 * @param port the loopback port
	 * @param userId the user id to ask for
	 * @return the answer as JSON
	 */
	public static JsonNode credentials(int port, String userId) {
		return okJson(port, "/turn/credentials?userId=" + userId);
	}

}
