package io.icebroker.credentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Janus's TURN REST API client ({@code janus_turnrest_request} in {@code src/turnrest.c}
 * of meetecho/janus-gateway), line for line in what it sends and what it accepts:
 * <ul>
 * <li>the query string {@code service=turn&api=KEY&key=KEY&username=USER}, each value
 * escaped as {@code curl_easy_escape} does, appended to the configured URL;</li>
 * <li>{@code POST} (the default) sends that same string again as the body
 * ({@code CURLOPT_POSTFIELDS}, so libcurl's {@code Content-Type:
 * application/x-www-form-urlencoded}); {@code GET} sends no body;</li>
 * <li>{@code User-Agent: Janus/1.0}, libcurl's {@code Accept: *}{@code /*}, no other
 * header; the HTTP status is not looked at;</li>
 * <li>the body must be JSON with string {@code username} and {@code password}, an
 * optional non-negative integer {@code ttl} (only logged), and a non-empty array
 * {@code uris} of which the {@code turn:}/{@code turns:} strings are kept.</li>
 * </ul>
 * The failure messages are the ones Janus logs.
 */
public final class JanusTurnRestClient {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private JanusTurnRestClient() {
	}

	public static Result request(String server, @Nullable String key, String method, @Nullable String user) {
		StringBuilder query = new StringBuilder("service=turn");
		if (key != null) {
			query.append("&api=").append(escape(key)).append("&key=").append(escape(key));
		}
		if (user != null) {
			query.append("&username=").append(escape(user));
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + "?" + query))
			.timeout(Duration.ofSeconds(10))
			.header("User-Agent", "Janus/1.0")
			.header("Accept", "*/*");
		if ("GET".equalsIgnoreCase(method)) {
			request.GET();
		}
		else {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(query.toString()));
		}
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return new Failure("Couldn't send the request", 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Failure("Interrupted", 0);
		}
		return parse(response.body(), response.statusCode());
	}

	static Result parse(String body, int status) {
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException ex) {
			return new Failure("Couldn't parse response", status);
		}
		if (root == null || !root.isObject()) {
			return new Failure("Couldn't parse response", status);
		}
		JsonNode username = root.get("username");
		if (username == null) {
			return new Failure("Invalid response: missing username", status);
		}
		if (!username.isString()) {
			return new Failure("Invalid response: username should be a string", status);
		}
		JsonNode password = root.get("password");
		if (password == null) {
			return new Failure("Invalid response: missing password", status);
		}
		if (!password.isString()) {
			return new Failure("Invalid response: password should be a string", status);
		}
		JsonNode ttl = root.get("ttl");
		if (ttl != null && (!ttl.isIntegralNumber() || ttl.asLong() < 0)) {
			return new Failure("Invalid response: ttl should be a positive integer", status);
		}
		JsonNode uris = root.get("uris");
		if (uris == null) {
			return new Failure("Invalid response: missing uris", status);
		}
		if (!uris.isArray() || uris.isEmpty()) {
			return new Failure("Invalid response: uris should be a non-empty array", status);
		}
		List<String> servers = new ArrayList<>();
		for (JsonNode uri : uris) {
			if (uri.isString() && (uri.asString().startsWith("turn:") || uri.asString().startsWith("turns:"))) {
				servers.add(uri.asString());
			}
		}
		if (servers.isEmpty()) {
			return new Failure("Couldn't find any valid TURN URI in the response...", status);
		}
		return new Credentials(username.asString(), password.asString(), (ttl != null) ? ttl.asLong() : 0, servers,
				status);
	}

	/** {@code curl_easy_escape}: everything but ALPHA, DIGIT and {@code - . _ ~}. */
	static String escape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (byte octet : value.getBytes(StandardCharsets.UTF_8)) {
			char character = (char) (octet & 0xFF);
			if ((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
					|| (character >= '0' && character <= '9') || "-._~".indexOf(character) >= 0) {
				escaped.append(character);
			}
			else {
				escaped.append('%').append(String.format("%02X", octet & 0xFF));
			}
		}
		return escaped.toString();
	}

	public sealed interface Result {

	}

	public record Credentials(String username, String password, long ttl, List<String> servers,
			int status) implements Result {

		@Override
		public String toString() {
			return "Credentials[username=" + this.username + ", password=***, ttl=" + this.ttl + ", servers="
					+ this.servers + ", status=" + this.status + "]";
		}

	}

	public record Failure(String logged, int status) implements Result {

	}

}
