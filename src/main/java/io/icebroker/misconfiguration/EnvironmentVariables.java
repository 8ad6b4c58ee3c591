package io.icebroker.misconfiguration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The environment variables the service reads, as {@code application.yaml} maps them:
 * every {@code ${NAME:}} in it. That file is the one list; nothing here repeats it.
 */
public final class EnvironmentVariables {

	private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):");

	private static final Pattern LIST_INDEX = Pattern.compile("\\[\\d+]");

	private final Map<String, String> variableByProperty;

	EnvironmentVariables(Map<String, String> variableByProperty) {
		this.variableByProperty = Collections.unmodifiableMap(new LinkedHashMap<>(variableByProperty));
	}

	public static EnvironmentVariables fromApplicationYaml() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yaml"));
		Properties properties = yaml.getObject();
		Map<String, String> variables = new LinkedHashMap<>();
		if (properties != null) {
			properties.stringPropertyNames().stream().sorted().forEach((property) -> {
				Matcher matcher = PLACEHOLDER.matcher(properties.getProperty(property));
				if (matcher.find()) {
					variables.put(property, matcher.group(1));
				}
			});
		}
		return new EnvironmentVariables(variables);
	}

	public Set<String> names() {
		return Set.copyOf(this.variableByProperty.values());
	}

	/**
	 * The variable that sets a property: {@code TURN_AUTH_MODE} for
	 * {@code icebroker.auth.mode}, {@code TURN_API_KEYS} for
	 * {@code icebroker.auth.api-keys[0]}.
	 */
	public Optional<String> forProperty(String property) {
		return Optional.ofNullable(this.variableByProperty.get(LIST_INDEX.matcher(property).replaceAll("")));
	}

}
