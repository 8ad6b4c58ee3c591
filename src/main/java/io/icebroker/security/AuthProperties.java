package io.icebroker.security;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.icebroker.misconfiguration.MisconfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.StringUtils;

/**
 * Who may take credentials. The rules that need a secret's value (key lengths, which JWT
 * settings go together) are checked when the filter chain is built, not by the binder,
 * whose error report would print the offending value.
 *
 * @param mode None, api-key or jwt (TURN_AUTH_MODE).
 * @param apiKeys The accepted API keys; more than one so that keys can be rotated
 * (TURN_API_KEYS, comma-separated).
 * @param jwt How bearer JWTs are verified in jwt mode.
 * @param adminKeys The operators' keys, at least 32 characters each, which write
 * operations need in every mode (TURN_ADMIN_KEYS, comma-separated).
 */
@ConfigurationProperties("icebroker.auth")
record AuthProperties(@DefaultValue("none") AuthMode mode, @DefaultValue List<String> apiKeys, @DefaultValue Jwt jwt,
		@DefaultValue List<String> adminKeys) {

	public AuthProperties {
		apiKeys = apiKeys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList();
		adminKeys = adminKeys.stream().map(String::strip).filter((key) -> !key.isEmpty()).toList();
	}

	@Override
	public String toString() {
		return "AuthProperties[mode=" + this.mode + ", apiKeys=" + this.apiKeys.size() + " key(s), jwt=" + this.jwt
				+ ", adminKeys=" + this.adminKeys.size() + " key(s)]";
	}

	/**
	 * How bearer JWTs are verified: by the keys of a JWK set, or by one HMAC secret.
	 *
	 * @param jwkSetUri Where the issuer publishes its signing keys
	 * (TURN_JWT_JWK_SET_URI).
	 * @param secret The HS256 secret, at least 32 bytes of UTF-8 (TURN_JWT_SECRET).
	 * @param issuer The iss claim every token must carry, when set (TURN_JWT_ISSUER).
	 * @param audience A value the aud claim of every token must contain
	 * (TURN_JWT_AUDIENCE); required with a JWK set.
	 * @param maxLifetime The longest a token may live: its exp may lie at most this long
	 * after its iat, and after now, in seconds unless a unit is given
	 * (TURN_JWT_MAX_LIFETIME).
	 */
	record Jwt(@DefaultValue("") String jwkSetUri, @DefaultValue("") String secret, @DefaultValue("") String issuer,
			@DefaultValue("") String audience,
			@DefaultValue(Jwt.DEFAULT_MAX_LIFETIME) @DurationUnit(ChronoUnit.SECONDS) Duration maxLifetime) {

		static final String DEFAULT_MAX_LIFETIME = "24h";

		public Jwt {
			jwkSetUri = jwkSetUri.strip();
			issuer = issuer.strip();
			audience = audience.strip();
			if (maxLifetime.isNegative() || maxLifetime.isZero()) {
				throw new MisconfigurationException("TURN_JWT_MAX_LIFETIME", "is not positive",
						"Set TURN_JWT_MAX_LIFETIME to the longest a token may live from issue to expiry, such as "
								+ DEFAULT_MAX_LIFETIME + " (the default) or 1h.");
			}
		}

		boolean hasJwkSetUri() {
			return StringUtils.hasText(this.jwkSetUri);
		}

		boolean hasSecret() {
			return StringUtils.hasText(this.secret);
		}

		@Override
		public String toString() {
			return "Jwt[jwkSetUri=" + this.jwkSetUri + ", secret=" + (hasSecret() ? "(set)" : "(unset)") + ", issuer="
					+ this.issuer + ", audience=" + this.audience + ", maxLifetime=" + this.maxLifetime + "]";
		}

	}

}
