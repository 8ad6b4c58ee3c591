package io.icebroker.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation stays true to the repository: every variable the service reads is
 * documented with the default the code gives it, every relative link leads to a file that
 * exists, and nothing points at a file the repository does not contain.
 */
class DocumentationTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

	private static final Pattern MAPPING = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):}");

	private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]+)}");

	private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

	private static final Pattern ASSIGNMENT = Pattern.compile("^#? ?([A-Z][A-Z0-9_]*)=(.*)$");

	private static final String DEFAULTS_TABLE = "| variable | meaning | default |";

	// Defaults the service works out at run time (the Metered app's own host; the header
	// that Railway's edge or any other proxy writes), which the documents describe in
	// words.
	private static final Set<String> DERIVED = Set.of("METERED_API_BASE_URL", "TURN_CLIENT_ADDRESS_HEADER");

	@Test
	void everyVariableTheServiceReadsIsInTheReadmeTheContractAndEnvExample() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		String contract = Files.readString(Path.of("docs/contract.md"));
		String envExample = Files.readString(Path.of(".env.example"));

		for (String variable : variables()) {
			assertThat(readme).as("README.md").contains("`" + variable + "`");
			assertThat(contract).as("docs/contract.md").contains("`" + variable + "`");
			assertThat(envExample).as(".env.example").contains(variable);
		}
	}

	@Test
	void applicationYamlRepeatsNoDefault() throws IOException {
		Matcher placeholders = PLACEHOLDER_DEFAULT
			.matcher(Files.readString(Path.of("src/main/resources/application.yaml")));
		List<String> defaults = new ArrayList<>();
		while (placeholders.find()) {
			defaults.add(placeholders.group());
		}
		assertThat(defaults).as("defaults belong in the settings records' @DefaultValue").isEmpty();
	}

	@Test
	void theReadmeTheContractAndEnvExampleStateTheDefaultsOfTheCode() throws IOException {
		Map<String, String> defaults = defaults();
		assertThat(defaults).containsEntry("TURN_CHAIN_DEADLINE", "3s")
			.containsEntry("TURN_PROVIDER_ORDER", "cloudflare,twilio,coturn,metered,xirsys,free-public-turn")
			.containsEntry("PORT", "8080")
			.containsEntry("TURN_API_KEYS", "");
		List<String> wrong = new ArrayList<>();
		for (Path document : List.of(Path.of("README.md"), Path.of("docs/contract.md"))) {
			Map<String, String> stated = statedInTables(document, wrong);
			defaults.forEach((variable, code) -> compare(document.toString(), variable, stated, code, wrong));
		}
		Map<String, String> assigned = assignedInEnvExample(wrong);
		defaults.forEach((variable, code) -> compare(".env.example", variable, assigned, code, wrong));
		assertThat(wrong).isEmpty();
	}

	@Test
	void settingDescriptionsInTheConfigurationMetadataArePlainText() throws IOException {
		List<String> tagged = new ArrayList<>();
		for (Map<String, Object> property : metadata()) {
			Object description = property.get("description");
			if (String.valueOf(property.get("name")).startsWith("icebroker.") && description != null
					&& description.toString().contains("{@")) {
				tagged.add(property.get("name") + ": " + description);
			}
		}
		assertThat(tagged).as("Javadoc tags copied raw by Boot's annotation processor").isEmpty();
	}

	@Test
	void readmeIsReadInTenMinutes() throws IOException {
		assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThanOrEqualTo(250);
	}

	@Test
	void relativeLinksLeadToFilesThatExist() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path document : documents()) {
			Matcher links = LINK.matcher(Files.readString(document));
			while (links.find()) {
				String target = links.group(1);
				if (!target.contains("://") && !target.startsWith("mailto:")
						&& !Files.exists(document.toAbsolutePath().getParent().resolve(target))) {
					broken.add(document + " -> " + target);
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void nothingCitesTheDesignFileTheRepositoryDoesNotContain() throws IOException {
		List<String> citing = new ArrayList<>();
		try (Stream<Path> files = Stream.of("src", "ops", "bench", "docs", ".railway", ".ci")
			.map(Path::of)
			.filter(Files::exists)
			.flatMap(DocumentationTests::walk)) {
			files.filter(Files::isRegularFile)
				.filter((file) -> !file.toString().contains("node_modules") && !file.toString().endsWith(".png"))
				.filter((file) -> !file.equals(Path.of("src/test/java/io/icebroker/docs/DocumentationTests.java")))
				.filter((file) -> read(file).contains("DESIGN.md"))
				.forEach((file) -> citing.add(file.toString()));
		}
		assertThat(citing).isEmpty();
	}

	private static TreeSet<String> variables() throws IOException {
		TreeSet<String> variables = new TreeSet<>();
		Matcher matcher = VARIABLE.matcher(Files.readString(Path.of("src/main/resources/application.yaml")));
		while (matcher.find()) {
			variables.add(matcher.group(1));
		}
		assertThat(variables).contains("TURN_PROVIDER_ORDER", "TWILIO_AUTH_TOKEN");
		return variables;
	}

	// Every variable application.yaml maps, with the default of the property it sets,
	// as the configuration metadata has it from @DefaultValue (Boot's own for
	// server.port); empty for none.
	private static Map<String, String> defaults() throws IOException {
		Map<String, Object> metadataDefaults = new LinkedHashMap<>();
		for (Map<String, Object> property : metadata()) {
			if (property.containsKey("defaultValue")) {
				metadataDefaults.putIfAbsent(String.valueOf(property.get("name")), property.get("defaultValue"));
			}
		}
		assertThat(metadataDefaults).as("the service's own metadata").containsKey("icebroker.turn.provider-order");
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new FileSystemResource("src/main/resources/application.yaml"));
		Properties properties = yaml.getObject();
		assertThat(properties).isNotNull();
		Map<String, String> defaults = new TreeMap<>();
		for (String property : properties.stringPropertyNames()) {
			Matcher mapping = MAPPING.matcher(properties.getProperty(property));
			if (mapping.matches()) {
				Object value = metadataDefaults.get(property);
				defaults.put(mapping.group(1),
						(value instanceof List<?> list) ? String.join(",", list.stream().map(String::valueOf).toList())
								: (value != null) ? value.toString() : "");
			}
		}
		return defaults;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> metadata() throws IOException {
		List<Map<String, Object>> properties = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
			Map<String, Object> metadata = JsonParserFactory.getJsonParser()
				.parseMap(resource.getContentAsString(StandardCharsets.UTF_8));
			properties.addAll((List<Map<String, Object>>) metadata.getOrDefault("properties", List.of()));
		}
		return properties;
	}

	// The default column of the variable tables: the literal it starts with, or empty
	// when it starts with words ("—", "none: no CORS"). A row of several variables
	// gives one default for all of them, or one each, separated by commas.
	private static Map<String, String> statedInTables(Path document, List<String> wrong) throws IOException {
		Map<String, String> stated = new LinkedHashMap<>();
		boolean inTable = false;
		for (String line : Files.readAllLines(document)) {
			if (line.equals(DEFAULTS_TABLE)) {
				inTable = true;
				continue;
			}
			inTable = inTable && line.startsWith("|");
			String[] cells = line.split("\\|");
			if (!inTable || cells.length != 4) {
				continue;
			}
			List<String> variables = new ArrayList<>();
			Matcher names = NAME.matcher(cells[1]);
			while (names.find()) {
				variables.add(names.group(1));
			}
			List<String> parts = (variables.size() > 1) ? outsideBackticks(cells[3].strip())
					: List.of(cells[3].strip());
			if (parts.size() != 1 && parts.size() != variables.size()) {
				wrong.add(document + " gives " + parts.size() + " defaults for " + variables);
				continue;
			}
			for (int index = 0; index < variables.size(); index++) {
				stated.put(variables.get(index), literal(parts.get((parts.size() == 1) ? 0 : index)));
			}
		}
		return stated;
	}

	private static Map<String, String> assignedInEnvExample(List<String> wrong) throws IOException {
		Map<String, String> assigned = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(".env.example"))) {
			Matcher assignment = ASSIGNMENT.matcher(line);
			if (assignment.matches() && assigned.put(assignment.group(1), assignment.group(2).strip()) != null) {
				wrong.add(".env.example: " + assignment.group(1) + " is set twice; give examples in words");
			}
		}
		return assigned;
	}

	private static void compare(String source, String variable, Map<String, String> stated, String code,
			List<String> wrong) {
		if (!stated.containsKey(variable)) {
			wrong.add(source + ": no default given for " + variable);
		}
		else if (!DERIVED.contains(variable) && !stated.get(variable).equals(code)) {
			wrong.add(source + ": " + variable + " is given " + shown(stated.get(variable)) + ", the code's default is "
					+ shown(code));
		}
	}

	private static String shown(String value) {
		return value.isEmpty() ? "nothing" : "'" + value + "'";
	}

	private static String literal(String cell) {
		return (cell.startsWith("`") && cell.indexOf('`', 1) > 0) ? cell.substring(1, cell.indexOf('`', 1)) : "";
	}

	private static List<String> outsideBackticks(String cell) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		boolean quoted = false;
		for (int index = 0; index < cell.length(); index++) {
			char character = cell.charAt(index);
			quoted = (character == '`') != quoted;
			if (!quoted && cell.startsWith(", ", index)) {
				parts.add(part.toString().strip());
				part.setLength(0);
				index++;
			}
			else {
				part.append(character);
			}
		}
		parts.add(part.toString().strip());
		return parts;
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		return documents;
	}

	private static Stream<Path> walk(Path root) {
		try {
			return Files.walk(root);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
