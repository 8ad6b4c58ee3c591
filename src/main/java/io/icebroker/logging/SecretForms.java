package io.icebroker.logging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;

import org.springframework.util.StringUtils;
import org.springframework.web.util.UriUtils;

/**
 * Every form a secret travels in, so that none reaches a log line: raw; Base64, in the
 * standard and URL-safe alphabets, with and without padding, as in an HTTP Basic header;
 * URL-encoded, as in a query string; JSON-escaped, as in an answer that echoes it.
 */
public final class SecretForms {

	private SecretForms() {
	}

	public static List<String> of(@Nullable String... secrets) {
		List<String> forms = new ArrayList<>();
		for (String secret : secrets) {
			if (StringUtils.hasText(secret)) {
				byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
				String base64 = Base64.getEncoder().encodeToString(bytes);
				String base64Url = Base64.getUrlEncoder().encodeToString(bytes);
				String urlEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
				String json = new String(JsonStringEncoder.getInstance().quoteAsCharArray(secret));
				forms.addAll(List.of(secret, base64, unpadded(base64), base64Url, unpadded(base64Url), urlEncoded,
						urlEncoded.replace("+", "%20"), UriUtils.encode(secret, StandardCharsets.UTF_8), json,
						json.replace("/", "\\/")));
			}
		}
		// Longest first: unpadded Base64 is the start of padded.
		return forms.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
	}

	/**
	 * An HTTP Basic pair, to list with the secrets: the Base64 of {@code id:secret} that
	 * an {@code Authorization} header carries does not contain the secret's own Base64.
	 */
	public static @Nullable String basic(@Nullable String id, @Nullable String secret) {
		return (StringUtils.hasText(id) && StringUtils.hasText(secret)) ? id + ":" + secret : null;
	}

	/**
	 * The text with every form of every secret replaced by {@code ***}.
	 */
	public static String redact(String text, @Nullable String... secrets) {
		String redacted = text;
		for (String form : of(secrets)) {
			redacted = redacted.replace(form, "***");
		}
		return redacted;
	}

	private static String unpadded(String base64) {
		return base64.replaceAll("=+$", "");
	}

}
