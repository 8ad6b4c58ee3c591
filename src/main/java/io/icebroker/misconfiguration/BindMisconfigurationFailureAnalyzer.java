package io.icebroker.misconfiguration;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * A value that cannot be converted to its setting's type, reported in the words of its
 * environment variable, with the value meant for a near miss; Boot's own analysis would
 * name the Spring property and print the converter's exception. Only values of types that
 * are never secret (choices, switches, numbers, durations) are repeated.
 */
class BindMisconfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final List<String> SWITCH = List.of("on", "off");

	private final EnvironmentVariables variables;

	private final @Nullable Environment environment;

	// One constructor: Boot's factory loader passes the failed context's environment.
	BindMisconfigurationFailureAnalyzer(@Nullable Environment environment) {
		this.variables = EnvironmentVariables.fromApplicationYaml();
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (findCause(rootFailure, MisconfigurationException.class) != null) {
			return null;
		}
		ConfigurationProperty property = cause.getProperty();
		String name = (property != null) ? property.getName().toString() : cause.getName().toString();
		Optional<String> variable = this.variables.forProperty(name);
		if (variable.isEmpty()) {
			return null;
		}
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		String value = (property != null) ? resolved(String.valueOf(property.getValue())) : "";
		DurationUnit unit = cause.getTarget().getAnnotation(DurationUnit.class);
		MisconfigurationException misconfiguration = describe(variable.get(), type, value,
				(unit != null) ? unit.value() : ChronoUnit.MILLIS);
		return new FailureAnalysis(misconfiguration.getMessage(), misconfiguration.action(), cause);
	}

	static MisconfigurationException describe(String variable, Class<?> type, String value, ChronoUnit unit) {
		String shown = "'" + MisconfigurationException.printable(value) + "'";
		if (type.isEnum()) {
			List<String> valid = Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.toList();
			return new MisconfigurationException(variable,
					"is " + shown + ", which is not one of " + String.join(", ", valid), "Set " + variable
							+ " to one of " + String.join(", ", valid) + "." + Suggestions.didYouMean(value, valid));
		}
		if (type == boolean.class || type == Boolean.class) {
			return new MisconfigurationException(variable, "is " + shown + ", which is neither on nor off",
					"Set " + variable + " to on or off." + Suggestions.didYouMean(value, SWITCH));
		}
		if (type == Duration.class) {
			return new MisconfigurationException(variable, "is " + shown + ", which is not a duration",
					"Set " + variable + " to a number of " + unit.toString().toLowerCase(Locale.ROOT)
							+ ", or a number and a unit such as 500ms, 30s, 10m or 24h.");
		}
		if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
			return new MisconfigurationException(variable, "is " + shown + ", which is not a number",
					"Set " + variable + " to a number (docs/contract.md).");
		}
		// Strings and URIs may be secrets: their value is not repeated.
		return new MisconfigurationException(variable, "cannot be read",
				"Set " + variable + " to a value docs/contract.md describes, or unset it.");
	}

	// The property still has application.yaml's raw "${TURN_AUTH_MODE:}".
	private String resolved(String value) {
		return (this.environment != null) ? this.environment.resolvePlaceholders(value) : value;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
