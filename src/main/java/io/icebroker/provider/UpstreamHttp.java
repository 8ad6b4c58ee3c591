package io.icebroker.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * How providers with an HTTP API talk to it: a {@link RestClient} on the JDK HTTP client
 * with the provider's own connect and read timeouts, and answers read up to a bound.
 */
public final class UpstreamHttp {

	private static final int MAX_BODY_BYTES = 64 * 1024;

	private UpstreamHttp() {
	}

	/**
	 * A client for one provider's API.
	 * @param builder the application's {@code RestClient.Builder}, with its message
	 * converters and observations; it is copied, not changed
	 * @param baseUrl the API base
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for an answer
	 * @return the builder, for provider-specific additions
	 */
	public static RestClient.Builder restClient(RestClient.Builder builder, URI baseUrl, Duration connectTimeout,
			Duration readTimeout) {
		// HTTP/1.1: the JDK client would otherwise try an h2c upgrade on plain-HTTP test
		// and proxy URLs.
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(readTimeout);
		// A copy: providers take the builder @Lazy, and each call on that proxy of Boot's
		// prototype builder would reach a new builder, so chained settings would be lost.
		return builder.clone().baseUrl(baseUrl.toString()).requestFactory(requestFactory);
	}

	/**
	 * Send a request and read its answer the way every provider API is read: a body of at
	 * most 64 KiB; a status other than 2xx, or no answer at all, falls through with its
	 * reason; a 2xx body is handed to {@code served}.
	 * @param request the request, ready to send
	 * @param served reads a 2xx body
	 * @param secrets values that must never appear in an excerpt of the body
	 * @return what the provider answered
	 */
	public static ProviderResult exchange(RestClient.RequestHeadersSpec<?> request,
			Function<String, ProviderResult> served, @Nullable String... secrets) {
		try {
			return request.exchange((clientRequest, response) -> {
				String body = read(response.getBody());
				if (!response.getStatusCode().is2xxSuccessful()) {
					return UpstreamFailures.forStatus(response.getStatusCode().value(), body, secrets);
				}
				return served.apply(body);
			});
		}
		catch (RestClientException ex) {
			return UpstreamFailures.forException(ex);
		}
	}

	/**
	 * An answer's body, at most 64 KiB of it: a provider answer is small, and a
	 * misbehaving one must not fill the heap.
	 * @param body the answer's body
	 * @return the body as UTF-8 text
	 * @throws IOException if it cannot be read
	 */
	static String read(InputStream body) throws IOException {
		return new String(body.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
	}

}
