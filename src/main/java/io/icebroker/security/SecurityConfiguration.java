package io.icebroker.security;

import io.icebroker.security.cors.CredentialsCors;
import io.icebroker.security.ratelimit.RateLimiting;
import io.icebroker.web.Problems;
import io.icebroker.web.SecurityHeaders;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.CorsFilter;

/**
 * The one security filter chain, on the application port and, through Spring Boot's child
 * context, on {@code MANAGEMENT_PORT} too.
 * <p>
 * Guarded when authentication is on: {@code /turn/**} and every actuator endpoint except
 * health (Railway's healthcheck). Prometheus needs an operator's key when authentication
 * is on and it shares the public port; every write operation needs one in every mode.
 * Everything else, including {@code /}, static files and the error page, is open. The
 * chain is stateless: no session, no cookie, so no CSRF token.
 */
// Only the web application guards requests; the --probe command runs without a web
// server.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * By default the header writer wraps the request and the response to write its
	 * headers when the response commits; every call on either then crosses one more
	 * wrapper, and every body write is counted. Written before the chain, the headers are
	 * the same, with one difference: an answer that sets its own {@code Cache-Control}
	 * replaces the default one but keeps {@code Pragma: no-cache} and {@code Expires: 0},
	 * which say the same to older caches.
	 */
	private static final ObjectPostProcessor<HeaderWriterFilter> WRITE_HEADERS_EAGERLY = new ObjectPostProcessor<>() {

		@Override
		public <O extends HeaderWriterFilter> O postProcess(O filter) {
			filter.setShouldWriteHeadersEagerly(true);
			return filter;
		}

	};

	/**
	 * {@code /turn/**} where no request has a user of its own ({@code none} and
	 * {@code api-key}): the same headers, CORS rules, per-address rate limit (the same
	 * filter, so one budget with the probe's) and API key check as the chain below,
	 * without what only a user needs. Nothing here sets a security context, keeps a
	 * session or saves a request, so the context, session, URL-encoding, async,
	 * request-cache, servlet-API and anonymous filters would only cost every request its
	 * share. A refused key still gets the 401 of the chain below. In {@code jwt} mode the
	 * token's subject is the user, and the chain below serves {@code /turn/**}. Declared
	 * first, as it is asked first: the chain below answers every request.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain turnFilterChain(HttpSecurity http, AuthProperties auth, RateLimiting rateLimiting,
			CredentialsCors cors) {
		http.securityMatcher(
				(auth.mode() == AuthMode.JWT) ? (request) -> false : PathPatternRequestMatcher.pathPattern("/turn/**"))
			.csrf(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(AbstractHttpConfigurer::disable)
			.securityContext(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.servletApi(AbstractHttpConfigurer::disable)
			.headers(SecurityConfiguration::headers)
			.addFilter(cors.filter());
		if (rateLimiting.enabled()) {
			http.addFilterAfter(rateLimiting.perAddress(), CorsFilter.class);
		}
		if (auth.mode() == AuthMode.API_KEY) {
			AuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(auth.mode());
			// Without the anonymous filter a refused key is an access denied: the
			// same 401 as an anonymous caller gets in the chain below.
			http.authorizeHttpRequests((requests) -> requests.anyRequest().access(guard(auth)))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
					.accessDeniedHandler((request, response, denied) -> entryPoint.commence(request, response,
							new InsufficientAuthenticationException(denied.getMessage(), denied))));
		}
		else {
			http.exceptionHandling(AbstractHttpConfigurer::disable);
		}
		DefaultSecurityFilterChain chain = http.build();
		// HttpSecurity adds this one itself: it hands the security context to async
		// requests, and this chain has neither.
		return new DefaultSecurityFilterChain(chain.getRequestMatcher(),
				chain.getFilters()
					.stream()
					.filter((filter) -> !(filter instanceof WebAsyncManagerIntegrationFilter))
					.toList());
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AuthProperties auth, WebEndpointProperties endpoints,
			RateLimiting rateLimiting, CredentialsCors cors, Environment environment) {
		String actuator = endpoints.getBasePath();
		Operators operators = operators(auth, actuator, environment);
		AuthenticationEntryPoint entryPoint = refusing(operators, new ProblemAuthenticationEntryPoint(auth.mode()));
		AuthorizationManager<RequestAuthorizationContext> guarded = guard(auth);
		http.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(SecurityConfiguration::headers)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((request, response, denied) -> {
					if (operators.needsOperator(request)) {
						operators.refuse(request, response, true);
					}
					else {
						Problems.write(response, HttpStatus.FORBIDDEN, "The request is not allowed",
								request.getRequestURI());
					}
				}))
			.addFilter(cors.filter())
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				// First: the hot path needs no look at the actuator's rules.
				.requestMatchers("/turn/**")
				.access(guarded)
				.requestMatchers(actuator + "/health", actuator + "/health/**")
				.permitAll()
				.requestMatchers(operators::needsOperator)
				.access(operators.only())
				.requestMatchers(actuator + "/prometheus")
				.permitAll()
				.requestMatchers(actuator, actuator + "/**")
				.access(AuthorizationManagers.anyOf(guarded, operators.only()))
				.anyRequest()
				.permitAll());
		if (operators.configured()) {
			http.addFilterBefore(operators.filter(), BearerTokenAuthenticationFilter.class);
		}
		if (rateLimiting.enabled()) {
			http.addFilterAfter(rateLimiting.perAddress(), CorsFilter.class);
			if (auth.mode() == AuthMode.JWT) {
				// Only a verified user has a bucket of its own: without a token there is
				// no user to limit, and no filter to run.
				http.addFilterAfter(rateLimiting.perUser(), AuthorizationFilter.class);
			}
		}
		if (auth.mode() == AuthMode.JWT) {
			DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
			// An operator's key is a bearer token too, but no JWT.
			BearerTokenResolver notOperators = (
					request) -> Operators.isOperator(SecurityContextHolder.getContext().getAuthentication()) ? null
							: tokens.resolve(request);
			http.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(JwtDecoding.decoder(auth.jwt())))
						.bearerTokenResolver(notOperators)
						.authenticationEntryPoint(entryPoint));
		}
		return http.build();
	}

	private static void headers(HeadersConfigurer<HttpSecurity> headers) {
		headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.contentSecurityPolicy((csp) -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY));
		headers.addObjectPostProcessor(WRITE_HEADERS_EAGERLY);
	}

	/**
	 * Write operations need an operator in every mode, and so does Prometheus where
	 * {@link Operators#guardPrometheus} says.
	 */
	private static Operators operators(AuthProperties auth, String actuator, Environment environment) {
		RequestMatcher writes = new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, actuator + "/**"),
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, actuator + "/**"),
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.PUT, actuator + "/**"));
		RequestMatcher operatorOnly = Operators.guardPrometheus(auth.mode(), environment)
				? new OrRequestMatcher(writes, PathPatternRequestMatcher.pathPattern(actuator + "/prometheus"))
				: writes;
		return new Operators(ApiKeys.admin(auth.adminKeys(), auth.apiKeys()),
				new OrRequestMatcher(PathPatternRequestMatcher.pathPattern(actuator),
						PathPatternRequestMatcher.pathPattern(actuator + "/**")),
				operatorOnly);
	}

	private static AuthenticationEntryPoint refusing(Operators operators, AuthenticationEntryPoint otherwise) {
		return (request, response, exception) -> {
			if (operators.needsOperator(request)) {
				operators.refuse(request, response, false);
			}
			else {
				otherwise.commence(request, response, exception);
			}
		};
	}

	/**
	 * Spring Security observes every request four times over (the filter chain before and
	 * after the application, authorization, the secured request), each a timer, a long
	 * task timer and their tags, for meters no dashboard or alert reads.
	 * {@code http_server_requests} still times every request.
	 * @return settings that observe nothing
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's strict firewall, its character rules checked without a regular
	 * expression; Spring Security guards every request with the {@code HttpFirewall} bean
	 * when there is one.
	 * @return the firewall
	 */
	@Bean
	static HttpFirewall httpFirewall() {
		return Firewall.strict();
	}

	private static AuthorizationManager<RequestAuthorizationContext> guard(AuthProperties auth) {
		return switch (auth.mode()) {
			case NONE -> (authentication, context) -> new AuthorizationDecision(true);
			case API_KEY -> new ApiKeyAuthorizationManager(ApiKeys.of(auth.apiKeys()));
			case JWT -> AuthenticatedAuthorizationManager.authenticated();
		};
	}

}
