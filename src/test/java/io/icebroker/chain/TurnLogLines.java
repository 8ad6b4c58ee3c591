package io.icebroker.chain;

import java.util.List;

/**
 * The {@code [TURN]} lines of captured output, from the marker on, so tests compare them
 * word for word whatever the console pattern puts in front.
 */
final class TurnLogLines {

	private TurnLogLines() {
	}

	static List<String> of(CharSequence output) {
		return output.toString()
			.lines()
			.filter((line) -> line.contains("[TURN]"))
			.map((line) -> line.substring(line.indexOf("[TURN]")))
			.toList();
	}

	static List<String> from(CharSequence output, String firstLine) {
		List<String> lines = of(output);
		int start = lines.indexOf(firstLine);
		return (start < 0) ? List.of() : lines.subList(start, lines.size());
	}

}
