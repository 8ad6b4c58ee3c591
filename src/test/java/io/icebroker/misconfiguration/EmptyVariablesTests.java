package io.icebroker.misconfiguration;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.TreeMap;

import io.icebroker.IceBrokerApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * application.yaml maps each variable as {@code ${NAME:}}, without a default, so that the
 * record's {@code @DefaultValue} is the one source. A variable that is unset and one that
 * an operator set to an empty string both give that default, for every kind of setting; a
 * variable that is set wins.
 */
class EmptyVariablesTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# duration, with and without a unit of its own
					TURN_CHAIN_DEADLINE        | icebroker.resilience     | chain.ResilienceProperties                 | chainDeadline     | 1500ms           | PT3S         | PT1.5S
					TURN_CREDENTIAL_TTL        | icebroker.turn           | chain.TurnProperties                       | credentialTtl     | 60               | PT24H        | PT1M
					TURN_PROBE_INTERVAL        | icebroker.probe          | probe.TurnProbeProperties                  | interval          | 10m              | PT0S         | PT10M
					TURN_REDIS_TIMEOUT         | icebroker.shared         | shared.SharedStateProperties               | redisTimeout      | 1s               | PT0.25S      | PT1S
					# numbers
					TURN_MAX_URLS              | icebroker.turn           | chain.TurnProperties                       | maxUrls           | 2                | 4            | 2
					TURN_CACHE_MIN_REMAINING   | icebroker.resilience     | chain.ResilienceProperties                 | cacheMinRemaining | 0.25             | 0.5          | 0.25
					TURN_RATE_LIMIT_PER_MINUTE | icebroker.rate-limit     | security.ratelimit.RateLimitProperties     | perMinute         | 0                | 30           | 0
					# switches and choices
					TURN_CACHE                 | icebroker.resilience     | chain.ResilienceProperties                 | cache             | off              | ON           | OFF
					TURN_PROBE_ON_STARTUP      | icebroker.probe          | probe.TurnProbeProperties                  | onStartup         | true             | false        | true
					TURN_AUTH_MODE             | icebroker.auth           | security.AuthProperties                    | mode              | api-key          | NONE         | API_KEY
					# lists
					TURN_PROVIDER_ORDER        | icebroker.turn           | chain.TurnProperties                       | providerOrder     | twilio,coturn    | [cloudflare, twilio, coturn, metered, xirsys, free-public-turn] | [twilio, coturn]
					PUBLIC_STUN_URLS           | icebroker.public         | provider.fallback.FreePublicTurnProperties | stunUrls          | stun:a.test:3478 | [stun:stun.cloudflare.com:3478, stun:stun.l.google.com:19302] | [stun:a.test:3478]
					TURN_ALLOWED_ORIGINS       | icebroker.cors           | security.cors.CorsProperties               | allowedOrigins    | https://a.test   | []           | [https://a.test]
					TURN_TRUSTED_PROXIES       | icebroker.client-address | clientaddress.ClientAddressProperties      | trustedProxies    | private          | []           | [private]
					# strings and URLs
					TURN_REDIS_PREFIX          | icebroker.shared         | shared.SharedStateProperties               | redisPrefix       | fleet:           | icebroker:   | fleet:
					TURN_CLIENT_ADDRESS_HEADER | icebroker.client-address | clientaddress.ClientAddressProperties      | header            | X-Real-IP        | ''           | X-Real-IP
					CLOUDFLARE_API_BASE_URL    | icebroker.cloudflare     | provider.cloudflare.CloudflareProperties   | apiBaseUrl        | http://cf.test   | https://rtc.live.cloudflare.com | http://cf.test
					TWILIO_API_BASE_URL        | icebroker.twilio         | provider.twilio.TwilioProperties           | apiBaseUrl        | http://tw.test   | https://api.twilio.com | http://tw.test
					METERED_API_BASE_URL       | icebroker.metered        | provider.metered.MeteredProperties         | baseUrl           | http://me.test   | https://.metered.live | http://me.test
					""")
	void unsetAndEmptyGiveTheDefaultAndASetValueWins(String variable, String prefix, String type, String accessor,
			String set, String byDefault, String whenSet) throws IOException {
		assertThat(bound(prefix, type, accessor, null)).as("without application.yaml").isEqualTo(byDefault);
		assertThat(bound(prefix, type, accessor, Map.of())).as("unset").isEqualTo(byDefault);
		assertThat(bound(prefix, type, accessor, Map.of(variable, ""))).as("empty").isEqualTo(byDefault);
		assertThat(bound(prefix, type, accessor, Map.of(variable, set))).as("set").isEqualTo(whenSet);
	}

	@Test
	void withEveryVariableSetEmptyTheServiceRunsOnTheRecordsDefaults() {
		String[] empty = EnvironmentVariables.fromApplicationYaml()
			.names()
			.stream()
			.sorted()
			.map((name) -> name + "=")
			.toArray(String[]::new);
		assertThat(empty).contains("TURN_CHAIN_DEADLINE=", "PORT=");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IceBrokerApplication.class)
			.web(WebApplicationType.NONE)
			.properties(empty)
			.run()) {
			Map<String, Object> records = new TreeMap<>();
			context.getBeansWithAnnotation(ConfigurationProperties.class).forEach((name, bean) -> {
				if (bean.getClass().isRecord()) {
					records.put(name, bean);
				}
			});
			assertThat(records).hasSizeGreaterThanOrEqualTo(10);
			records.values()
				.forEach((bean) -> assertThat(components(bean)).as(bean.getClass().getSimpleName())
					.isEqualTo(components(recordDefaults(bean.getClass()))));
		}
	}

	// Without an environment, the record alone: what ApplicationContextRunner tests and
	// TestChains get.
	private static String bound(String prefix, String type, String accessor, @Nullable Map<String, Object> environment)
			throws IOException {
		MutablePropertySources sources = new MutablePropertySources();
		if (environment != null) {
			sources.addFirst(new MapPropertySource("environment", environment));
			new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
				.forEach(sources::addLast);
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(sources),
				new PropertySourcesPlaceholdersResolver(sources));
		Class<?> target = ClassUtils.resolveClassName("io.icebroker." + type, null);
		Object properties = binder.bindOrCreate(prefix, target);
		Method method = ReflectionUtils.findMethod(target, accessor);
		assertThat(method).as(type + "." + accessor).isNotNull();
		ReflectionUtils.makeAccessible(method);
		return String.valueOf(ReflectionUtils.invokeMethod(method, properties));
	}

	// A string without a default is null when unset and "" when empty; the service reads
	// both as no value (StringUtils.hasText).
	private static Map<String, Object> components(Object record) {
		Map<String, Object> components = new TreeMap<>();
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			Method accessor = component.getAccessor();
			ReflectionUtils.makeAccessible(accessor);
			Object value = ReflectionUtils.invokeMethod(accessor, record);
			components.put(component.getName(), (value == null || "".equals(value)) ? "(no value)" : value);
		}
		return components;
	}

	// The record bound from nothing at all: its @DefaultValue.
	private static Object recordDefaults(Class<?> type) {
		ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
		return new Binder(new MapConfigurationPropertySource()).bindOrCreate(annotation.value(), type);
	}

}
