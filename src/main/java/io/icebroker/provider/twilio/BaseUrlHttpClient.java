package io.icebroker.provider.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.twilio.Twilio;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.jspecify.annotations.Nullable;

/**
 * A twilio-java {@link com.twilio.http.HttpClient} on the JDK's HTTP client. twilio-java
 * hard-codes {@code https://api.twilio.com} and its own client resets every request to
 * 30-second timeouts; this one sends to the configured base URL with our timeouts.
 * Retries of 5xx answers stay twilio-java's.
 */
final class BaseUrlHttpClient extends com.twilio.http.HttpClient {

	private final URI baseUrl;

	private final HttpClient httpClient;

	private final Duration readTimeout;

	// twilio-java's exceptions carry the status written in the error body, or none when
	// that body is unreadable. Calls are synchronous, so the status on the wire is still
	// on this thread when the provider asks for it.
	private final ThreadLocal<Integer> lastStatus = new ThreadLocal<>();

	BaseUrlHttpClient(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
		this.baseUrl = baseUrl;
		this.readTimeout = readTimeout;
		this.httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public Response makeRequest(Request request) {
		this.lastStatus.remove();
		HttpRequest.Builder builder = HttpRequest.newBuilder(target(request.constructURL()))
			.timeout(this.readTimeout)
			.header("Accept", "application/json")
			.header("User-Agent", "icebroker twilio-java/" + Twilio.VERSION);
		if (request.requiresAuthentication()) {
			builder.header("Authorization", request.getAuthString());
		}
		for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
			header.getValue().forEach((value) -> builder.header(header.getKey(), value));
		}
		if (request.getMethod() == HttpMethod.GET) {
			builder.GET();
		}
		else {
			builder.header("Content-Type", "application/x-www-form-urlencoded")
				.method(request.getMethod().toString(), HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
		}
		try {
			HttpResponse<String> response = this.httpClient.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			this.lastStatus.set(response.statusCode());
			return new Response(response.body(), response.statusCode());
		}
		catch (IOException ex) {
			// The message is ours: the JDK's may name the URL, and a caller might log it.
			throw new ApiConnectionException("Twilio API call failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiConnectionException("Twilio API call interrupted", ex);
		}
	}

	/**
	 * The HTTP status of the last answer on this thread, if any.
	 * @return the status, or {@code null}
	 */
	@Nullable Integer lastStatusOnThisThread() {
		return this.lastStatus.get();
	}

	private URI target(URL twilioUrl) {
		String query = (twilioUrl.getQuery() != null) ? "?" + twilioUrl.getQuery() : "";
		String base = this.baseUrl.toString().replaceAll("/+$", "");
		return URI.create(base + twilioUrl.getPath() + query);
	}

}
