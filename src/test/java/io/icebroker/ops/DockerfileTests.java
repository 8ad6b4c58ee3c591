package io.icebroker.ops;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the Dockerfile without a Docker engine (the image is built on
 * Railway): its stages, its user, its entrypoint, and that every path it copies from the
 * build context exists and gets past {@code .dockerignore}.
 * {@code ops/lint-dockerfile.sh} lints it; {@code ops/check-image.sh} runs its steps on a
 * built jar and starts the result as its entrypoint does.
 */
class DockerfileTests {

	private final List<Instruction> instructions = Instruction.parse(Path.of("Dockerfile"));

	@Test
	void buildsWithTheMavenWrapperOnAJdkAndRunsOnAJre() {
		List<Instruction> stages = ofType("FROM");
		assertThat(stages).hasSize(2);
		assertThat(stages.get(0).arguments()).isEqualTo("eclipse-temurin:25-jdk AS build");
		assertThat(stages.get(1).arguments()).isEqualTo("eclipse-temurin:25-jre");
		assertThat(inBuildStage("RUN")).anySatisfy((run) -> assertThat(run.arguments()).startsWith("./mvnw "))
			.anySatisfy((run) -> assertThat(run.arguments())
				.contains("java -Djarmode=tools -jar app.jar extract --layers --destination extracted"));
	}

	@Test
	void trainsAnAotCacheOnTheJarInTheRunStageWithoutTheNetwork() {
		assertThat(inRunStage("COPY")).extracting(Instruction::arguments).contains("ops/train-aot-cache.sh ./");
		assertThat(inRunStage("RUN")).anySatisfy((run) -> assertThat(run.arguments()).isEqualTo(
				"bash train-aot-cache.sh java -XX:AOTCacheOutput=app.aot -Dspring.aot.enabled=true -jar app.jar"));
		// Nothing the training run reads may configure a provider: it would call its API.
		assertThat(inRunStage("ENV")).extracting(Instruction::arguments)
			.noneMatch((env) -> env.matches("(?s).*(CLOUDFLARE|TWILIO|COTURN|METERED|PUBLIC_TURN|REDIS)_.*"));
		assertThat(inRunStage("ARG")).isEmpty();
	}

	@Test
	void runsAsAnUnprivilegedUser() {
		List<Instruction> users = inRunStage("USER");
		assertThat(users).isNotEmpty();
		String user = users.get(users.size() - 1).arguments().split(":")[0];
		assertThat(user).isNotIn("root", "0");
	}

	@Test
	void startsTheExtractedJarWithItsAotCacheAndSpringAotInExecFormWithContainerAwareMemory() {
		List<Instruction> entrypoints = inRunStage("ENTRYPOINT");
		assertThat(entrypoints).hasSize(1);
		String[] command = JsonMapper.builder().build().readValue(entrypoints.get(0).arguments(), String[].class);
		assertThat(command[0]).isEqualTo("java");
		assertThat(command).contains("-XX:MaxRAMPercentage=75", "-XX:AOTCache=app.aot", "-Dspring.aot.enabled=true")
			.endsWith("-jar", "app.jar");
		assertThat(inRunStage("CMD")).isEmpty();
	}

	@Test
	void logsOneJsonObjectPerLine() {
		assertThat(inRunStage("ENV")).extracting(Instruction::arguments)
			.anySatisfy((env) -> assertThat(env).contains("LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash"));
	}

	@Test
	void copiesFromTheBuildContextOnlyPathsThatExistAndAreNotIgnored() throws IOException {
		DockerIgnore dockerIgnore = DockerIgnore.read(Path.of(".dockerignore"));
		List<String> sources = new ArrayList<>();
		for (Instruction copy : ofType("COPY")) {
			if (copy.arguments().startsWith("--from=")) {
				assertThat(copy.arguments()).startsWith("--from=build /workspace/extracted/");
				continue;
			}
			String[] paths = copy.arguments().split("\\s+");
			sources.addAll(Arrays.asList(paths).subList(0, paths.length - 1));
		}
		assertThat(sources).isNotEmpty().allSatisfy((source) -> {
			assertThat(Path.of(source)).exists();
			assertThat(dockerIgnore.excludes(source)).as("%s excluded by .dockerignore", source).isFalse();
		});
		assertThat(dockerIgnore.excludes(".env")).isTrue();
		assertThat(dockerIgnore.excludes("target")).isTrue();
	}

	private List<Instruction> ofType(String keyword) {
		return this.instructions.stream().filter((instruction) -> instruction.keyword().equals(keyword)).toList();
	}

	private List<Instruction> inBuildStage(String keyword) {
		return stage(0, keyword);
	}

	private List<Instruction> inRunStage(String keyword) {
		return stage(1, keyword);
	}

	private List<Instruction> stage(int index, String keyword) {
		int stage = -1;
		List<Instruction> found = new ArrayList<>();
		for (Instruction instruction : this.instructions) {
			if (instruction.keyword().equals("FROM")) {
				stage++;
			}
			else if (stage == index && instruction.keyword().equals(keyword)) {
				found.add(instruction);
			}
		}
		return found;
	}

	/**
	 * One Dockerfile instruction, continuation lines joined.
	 *
	 * @param keyword e.g. {@code COPY}
	 * @param arguments the rest of the instruction
	 */
	record Instruction(String keyword, String arguments) {

		static List<Instruction> parse(Path dockerfile) {
			List<Instruction> instructions = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			for (String line : readLines(dockerfile)) {
				String trimmed = line.strip();
				if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
					continue;
				}
				if (trimmed.endsWith("\\")) {
					current.append(trimmed, 0, trimmed.length() - 1).append(' ');
					continue;
				}
				current.append(trimmed);
				String[] parts = current.toString().strip().split("\\s+", 2);
				instructions.add(new Instruction(parts[0].toUpperCase(), (parts.length > 1) ? parts[1] : ""));
				current.setLength(0);
			}
			return instructions;
		}

	}

	/**
	 * The rules of a {@code .dockerignore}: the last pattern that matches a path or one
	 * of its parents decides, and {@code !} lets a path back in.
	 */
	record DockerIgnore(List<String> patterns) {

		static DockerIgnore read(Path path) {
			return new DockerIgnore(readLines(path).stream()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList());
		}

		boolean excludes(String path) {
			String normalized = strip(path);
			boolean excluded = false;
			for (String pattern : this.patterns) {
				boolean exception = pattern.startsWith("!");
				String glob = strip(exception ? pattern.substring(1) : pattern);
				if (matchesItselfOrAParent(glob, normalized)) {
					excluded = !exception;
				}
			}
			return excluded;
		}

		private static boolean matchesItselfOrAParent(String glob, String path) {
			var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
			for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
				if (matcher.matches(candidate)) {
					return true;
				}
			}
			return false;
		}

		private static String strip(String path) {
			return path.replaceAll("^/+|^\\./", "").replaceAll("/+$", "");
		}

	}

	private static List<String> readLines(Path path) {
		try {
			return Files.readAllLines(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
