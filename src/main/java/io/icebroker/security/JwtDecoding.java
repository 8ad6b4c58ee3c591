package io.icebroker.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import io.icebroker.misconfiguration.MisconfigurationException;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Builds the decoder that verifies bearer JWTs: signature (JWK set or HS256 secret),
 * expiry (required, and at most the maximum lifetime away) and not-before, and the
 * issuer, audience and subject rules operators set.
 */
final class JwtDecoding {

	/**
	 * HS256 needs a key as long as its output; Nimbus refuses shorter ones.
	 */
	static final int MIN_SECRET_BYTES = 32;

	/** {@link JwtTimestampValidator}'s default. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

	private JwtDecoding() {
	}

	/**
	 * With a JWK set the keys are fetched on first use, so that a slow issuer does not
	 * stop the service from starting.
	 */
	static JwtDecoder decoder(AuthProperties.Jwt jwt) {
		if (jwt.hasJwkSetUri() == jwt.hasSecret()) {
			String problem = jwt.hasSecret() ? "is jwt and both TURN_JWT_JWK_SET_URI and TURN_JWT_SECRET are set"
					: "is jwt but neither TURN_JWT_JWK_SET_URI nor TURN_JWT_SECRET is set";
			throw new MisconfigurationException("TURN_AUTH_MODE", problem,
					"Set exactly one of them: TURN_JWT_JWK_SET_URI to your identity provider's JWK set URL (tokens it"
							+ " signs), or TURN_JWT_SECRET to a secret of at least " + MIN_SECRET_BYTES
							+ " bytes (HS256 tokens you sign).");
		}
		OAuth2TokenValidator<Jwt> validator = validator(jwt);
		if (jwt.hasSecret()) {
			byte[] secret = jwt.secret().getBytes(StandardCharsets.UTF_8);
			if (secret.length < MIN_SECRET_BYTES) {
				throw new MisconfigurationException("TURN_JWT_SECRET",
						"is shorter than the " + MIN_SECRET_BYTES + " bytes HS256 needs",
						"Set TURN_JWT_SECRET to at least " + MIN_SECRET_BYTES
								+ " random bytes, for example from `openssl rand -base64 48`. The secret is never shown.");
			}
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
				.macAlgorithm(MacAlgorithm.HS256)
				.build();
			decoder.setJwtValidator(validator);
			return decoder;
		}
		checkJwkSetUri(jwt.jwkSetUri());
		if (jwt.audience().isEmpty()) {
			// An identity provider signs the tokens of all its applications with the same
			// keys: without an audience, a token for any of them would pass here.
			throw new MisconfigurationException("TURN_JWT_AUDIENCE", "is not set but TURN_JWT_JWK_SET_URI is",
					"Set TURN_JWT_AUDIENCE to the audience your identity provider puts in tokens for this service"
							+ " (its API identifier), so that tokens it issued for other applications are refused.");
		}
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).discoverJwsAlgorithms().build();
			decoder.setJwtValidator(validator);
			return decoder;
		});
	}

	/**
	 * The keys decide which tokens are genuine, so they must come over TLS; loopback is
	 * exempt, for an identity provider beside the service. Only the scheme is ever shown.
	 */
	private static void checkJwkSetUri(String jwkSetUri) {
		String action = "Set TURN_JWT_JWK_SET_URI to your identity provider's JWK set URL, such as"
				+ " https://idp.example.com/.well-known/jwks.json; only a loopback host (localhost, 127.0.0.1,"
				+ " [::1]) may use http.";
		URI uri;
		try {
			uri = new URI(jwkSetUri);
		}
		catch (URISyntaxException ex) {
			throw new MisconfigurationException("TURN_JWT_JWK_SET_URI", "is not an absolute URL", action);
		}
		if (uri.getScheme() == null || uri.getHost() == null) {
			throw new MisconfigurationException("TURN_JWT_JWK_SET_URI", "is not an absolute URL", action);
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost()))) {
			return;
		}
		throw new MisconfigurationException("TURN_JWT_JWK_SET_URI",
				"has scheme '" + MisconfigurationException.printable(scheme) + "', which is not https", action);
	}

	// By name and literal only: resolving a name here would trust DNS for the exemption.
	private static boolean isLoopback(String host) {
		return host.equalsIgnoreCase("localhost") || host.equals("[::1]") || IPV4_LOOPBACK.matcher(host).matches();
	}

	private static OAuth2TokenValidator<Jwt> validator(AuthProperties.Jwt jwt) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		// A token without exp would work forever once leaked.
		JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
		timestamps.setAllowEmptyExpiryClaim(false);
		validators.add(timestamps);
		validators.add(lifetimeAtMost(jwt.maxLifetime()));
		// RFC 9068 access tokens are typed at+jwt; Spring's default accepts JWT only.
		JwtTypeValidator type = new JwtTypeValidator(List.of("JWT", "at+jwt"));
		type.setAllowEmpty(true);
		validators.add(type);
		validators.add(JwtDecoding::hasSubject);
		if (!jwt.issuer().isEmpty()) {
			validators.add(new JwtIssuerValidator(jwt.issuer()));
		}
		if (!jwt.audience().isEmpty()) {
			validators.add(new JwtAudienceValidator(jwt.audience()));
		}
		return JwtValidators.createDefaultWithValidators(validators);
	}

	/**
	 * A token made to live longer than the maximum would stay usable that long once
	 * leaked. Counted from iat and, so that a missing or future iat cannot stretch it,
	 * from now.
	 */
	private static OAuth2TokenValidator<Jwt> lifetimeAtMost(Duration maxLifetime) {
		return (token) -> {
			Instant expiresAt = token.getExpiresAt();
			if (expiresAt == null) {
				// JwtTimestampValidator refuses it.
				return OAuth2TokenValidatorResult.success();
			}
			Instant issuedAt = token.getIssuedAt();
			if ((issuedAt != null && expiresAt.isAfter(issuedAt.plus(maxLifetime)))
					|| expiresAt.isAfter(Instant.now().plus(maxLifetime).plus(CLOCK_SKEW))) {
				return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
						"The token lives longer than TURN_JWT_MAX_LIFETIME allows", null));
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	// The subject is the user id; a token without one names nobody.
	private static OAuth2TokenValidatorResult hasSubject(Jwt token) {
		String subject = token.getSubject();
		if (subject == null || subject.isBlank()) {
			return OAuth2TokenValidatorResult
				.failure(new OAuth2Error("invalid_token", "The token has no subject", null));
		}
		return OAuth2TokenValidatorResult.success();
	}

}
