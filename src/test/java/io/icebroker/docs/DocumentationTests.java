package io.icebroker.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation stays true to the repository: every variable the service reads is
 * documented, every relative link leads to a file that exists, and nothing points at a
 * file the repository does not contain.
 */
class DocumentationTests {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

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
