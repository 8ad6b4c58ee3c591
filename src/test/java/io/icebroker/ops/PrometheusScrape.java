package io.icebroker.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one {@code /actuator/prometheus} answer (text exposition format).
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final String text;

	private final List<Sample> samples;

	private PrometheusScrape(String text, List<Sample> samples) {
		this.text = text;
		this.samples = samples;
	}

	public static PrometheusScrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line);
			if (!sample.matches()) {
				throw new IllegalArgumentException("Not a sample line: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
		}
		return new PrometheusScrape(text, samples);
	}

	/**
	 * The names of every exported sample, with their {@code _total}, {@code _bucket},
	 * {@code _count} and {@code _sum} suffixes.
	 * @return the names
	 */
	public Set<String> names() {
		Set<String> names = new TreeSet<>();
		this.samples.forEach((sample) -> names.add(sample.name()));
		return names;
	}

	/**
	 * The value of the one sample with this name and these labels (and possibly others).
	 * @param name the sample's name
	 * @param labels label name and value pairs
	 * @return the value
	 */
	public double value(String name, String... labels) {
		List<Sample> matching = matching(name, labels);
		if (matching.size() != 1) {
			throw new AssertionError(
					matching.size() + " samples match " + name + " " + List.of(labels) + " in:\n" + this.text);
		}
		return matching.get(0).value();
	}

	/**
	 * Whether any sample has this name and these labels.
	 * @param name the sample's name
	 * @param labels label name and value pairs
	 * @return whether one exists
	 */
	public boolean has(String name, String... labels) {
		return !matching(name, labels).isEmpty();
	}

	public List<Sample> samples() {
		return this.samples;
	}

	public String text() {
		return this.text;
	}

	private List<Sample> matching(String name, String... labels) {
		Map<String, String> wanted = new LinkedHashMap<>();
		for (int index = 0; index + 1 < labels.length; index += 2) {
			wanted.put(labels[index], labels[index + 1]);
		}
		return this.samples.stream()
			.filter((sample) -> sample.name().equals(name))
			.filter((sample) -> sample.labels().entrySet().containsAll(wanted.entrySet()))
			.toList();
	}

	/**
	 * One line of the scrape.
	 *
	 * @param name the sample's name
	 * @param labels its labels
	 * @param value its value
	 */
	public record Sample(String name, Map<String, String> labels, double value) {
	}

}
