package io.icebroker.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls to the app under test: every status comes back as is, nothing is
 * normalized.
 */
public final class TestHttp {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private TestHttp() {
	}

	public static HttpResponse<String> get(int port, String pathAndQuery, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
			.timeout(Duration.ofSeconds(30));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/**
	 * {@code GET} a path and insist on a {@code 200}.
	 * @param port the app's port
	 * @param pathAndQuery the path
	 * @return the body as JSON
	 */
	public static JsonNode okJson(int port, String pathAndQuery) {
		HttpResponse<String> response = get(port, pathAndQuery);
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode());
		}
		return json(response);
	}

	/**
	 * Ask for credentials and insist on a {@code 200}.
	 * @param port the app's port
	 * @param userId the user id to ask for
	 * @return the answer as JSON
	 */
	public static JsonNode credentials(int port, String userId) {
		return okJson(port, "/turn/credentials?userId=" + userId);
	}

}
