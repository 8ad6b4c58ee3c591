package io.icebroker.security;

import java.util.List;
import java.util.Locale;

import io.icebroker.chain.ProviderChain;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.security.cors.CredentialsCors;
import io.icebroker.security.ratelimit.RateLimiting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at startup who may take credentials, and warns when anyone may take credentials
 * that cost the operator money.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class SecurityReport implements ApplicationListener<ApplicationStartedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(SecurityReport.class);

	private final AuthProperties auth;

	private final ProviderChain chain;

	private final RateLimiting rateLimiting;

	private final CredentialsCors cors;

	private final boolean prometheusGuarded;

	SecurityReport(AuthProperties auth, ProviderChain chain, RateLimiting rateLimiting, CredentialsCors cors,
			Environment environment) {
		this.prometheusGuarded = Operators.guardPrometheus(auth.mode(), environment);
		this.auth = auth;
		this.chain = chain;
		this.rateLimiting = rateLimiting;
		this.cors = cors;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		logger.atInfo()
			.addKeyValue("step", "startup")
			.addKeyValue("authMode", this.auth.mode().name().toLowerCase(Locale.ROOT))
			.log("[TURN] Access: authentication {}; rate limit {}; CORS {}; operators {}", authentication(),
					this.rateLimiting.describe(), this.cors.describe(), operators());
		List<String> paid = this.chain.providers()
			.stream()
			.filter((provider) -> provider.premium() && provider.configuration().configured())
			.map(IceServerProvider::id)
			.toList();
		if (this.prometheusGuarded && this.auth.adminKeys().isEmpty()) {
			logger.atWarn()
				.addKeyValue("step", "startup")
				.log("[TURN] ⚠️ /actuator/prometheus needs an admin key on PORT when TURN_AUTH_MODE is {}, and"
						+ " TURN_ADMIN_KEYS is not set: nothing can scrape it. Set TURN_ADMIN_KEYS and give Prometheus"
						+ " one, or set MANAGEMENT_PORT to serve it on a private port",
						this.auth.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		}
		if (this.auth.mode() == AuthMode.NONE && !paid.isEmpty()) {
			logger.atWarn()
				.addKeyValue("step", "startup")
				.addKeyValue("authMode", "none")
				.log("[TURN] ⚠️ TURN_AUTH_MODE is none but paid TURN providers are configured ({}): anyone who can"
						+ " reach /turn/credentials can take credentials whose relay traffic you pay for. Set"
						+ " TURN_AUTH_MODE=api-key or jwt", String.join(", ", paid));
		}
	}

	private String operators() {
		int keys = this.auth.adminKeys().size();
		return (keys > 0) ? keys + " admin key(s)" : "none (TURN_ADMIN_KEYS is not set: write operations are refused)";
	}

	private String authentication() {
		return switch (this.auth.mode()) {
			case NONE -> "none (TURN_AUTH_MODE=none: /turn/credentials is open)";
			case API_KEY -> "api-key (" + this.auth.apiKeys().size() + " key(s) accepted)";
			case JWT -> "jwt (" + (this.auth.jwt().hasSecret() ? "HS256 secret" : "JWK set")
					+ (this.auth.jwt().issuer().isEmpty() ? "" : ", issuer " + this.auth.jwt().issuer())
					+ (this.auth.jwt().audience().isEmpty() ? "" : ", audience " + this.auth.jwt().audience()) + ")";
		};
	}

}
