package io.icebroker.provider.fallback;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The free fallback. There is no free public TURN any more (the old openrelay credentials
 * are dead), so without an operator TURN entry clients behind symmetric NATs cannot
 * connect.
 *
 * @param stunUrls Public STUN servers (PUBLIC_STUN_URLS).
 * @param turnUrls An optional static TURN entry's URLs (PUBLIC_TURN_URLS).
 * @param turnUsername That entry's username (PUBLIC_TURN_USERNAME).
 * @param turnCredential That entry's credential (PUBLIC_TURN_CREDENTIAL).
 */
@ConfigurationProperties("icebroker.public")
record FreePublicTurnProperties(@DefaultValue(FreePublicTurnProperties.DEFAULT_STUN_URLS) List<String> stunUrls,
		@DefaultValue List<String> turnUrls, @Nullable String turnUsername, @Nullable String turnCredential) {

	// Stated once, for @DefaultValue and for an empty PUBLIC_STUN_URLS, which binds as an
	// empty list rather than as no value. One comma-separated entry, as @DefaultValue
	// passes it.
	static final String DEFAULT_STUN_URLS = "stun:stun.cloudflare.com:3478,stun:stun.l.google.com:19302";

	FreePublicTurnProperties {
		stunUrls = (stunUrls.isEmpty() ? List.of(DEFAULT_STUN_URLS) : stunUrls).stream()
			.flatMap((entry) -> Arrays.stream(entry.split(",")))
			.map(String::strip)
			.filter((url) -> !url.isEmpty())
			.toList();
		turnUrls = turnUrls.stream().map(String::strip).filter((url) -> !url.isEmpty()).toList();
	}

	boolean hasTurn() {
		return !this.turnUrls.isEmpty() && StringUtils.hasText(this.turnUsername)
				&& StringUtils.hasText(this.turnCredential);
	}

	@Override
	public String toString() {
		return "FreePublicTurnProperties[stunUrls=" + this.stunUrls + ", turnUrls=" + this.turnUrls + "]";
	}

}
