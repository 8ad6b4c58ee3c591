package io.icebroker.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs against the application under test on loopback, whatever the status.
 */
public final class LocalHttp {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private LocalHttp() {
	}

	public static HttpResponse<String> get(int port, String path) {
		return get(port, path, "application/json");
	}

	public static HttpResponse<String> get(int port, String path, String accept) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(60))
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Ask for credentials and insist on a {@code 200}.
	 * @param port the application's port
	 * @param userId the user id to ask for
	 * @return the response body
	 */
	public static String credentials(int port, String userId) {
		HttpResponse<String> response = get(port, "/turn/credentials?userId=" + userId);
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"GET /turn/credentials answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

}
