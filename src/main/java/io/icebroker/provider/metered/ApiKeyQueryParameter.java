package io.icebroker.provider.metered;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Adds {@code apiKey} to the query string as the request leaves RestClient for the HTTP
 * client. Everything above this point (RestClient's debug lines, its observations and
 * their {@code http.url}, the message of the {@code ResourceAccessException} it throws)
 * sees the URL without the key.
 */
final class ApiKeyQueryParameter implements ClientHttpRequestInterceptor {

	private final String apiKey;

	ApiKeyQueryParameter(String apiKey) {
		this.apiKey = apiKey;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		URI withKey = UriComponentsBuilder.fromUri(request.getURI())
			.queryParam("apiKey", encode(this.apiKey))
			.build(true)
			.toUri();
		return execution.execute(new HttpRequestWrapper(request) {

			@Override
			public URI getURI() {
				return withKey;
			}

		}, body);
	}

	/**
	 * The key as it appears on the wire.
	 * @param apiKey the key
	 * @return the key with every character outside RFC 3986's unreserved set
	 * percent-encoded; {@code encodeQueryParam} would leave {@code +}, which servers read
	 * as a space
	 */
	static String encode(String apiKey) {
		return UriUtils.encode(apiKey, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "ApiKeyQueryParameter[apiKey=***]";
	}

}
