package io.icebroker.probe;

import java.util.ArrayList;
import java.util.List;

import io.icebroker.probe.ProbeReportView.ProviderView;
import io.icebroker.probe.ProbeReportView.UrlView;

/**
 * A probe run as a plain-text table for a terminal. ASCII only: a Railway shell may not
 * print UTF-8.
 */
final class ProbeTable {

	private ProbeTable() {
	}

	static String render(ProbeReportView report) {
		StringBuilder text = new StringBuilder();
		text.append(title(report.scope())).append("\n\n");
		List<List<String>> providers = new ArrayList<>();
		providers.add(List.of("PROVIDER", "ANSWER", "NOTE"));
		for (ProviderView provider : report.providers()) {
			providers.add(List.of(provider.provider(), provider.outcome().tag(),
					(provider.message() != null) ? provider.message() : ""));
		}
		appendColumns(text, providers);
		text.append("\n");
		long turnUrls = report.results().stream().filter((result) -> result.url().startsWith("turn")).count();
		if (report.results().isEmpty()) {
			text.append("No ICE server URL to probe.\n");
		}
		else {
			List<List<String>> urls = new ArrayList<>();
			urls.add(List.of("PROVIDER", "URL", "TRANSPORT", "RESULT", "DETAIL"));
			for (UrlView result : report.results()) {
				urls.add(List.of(result.provider(), result.url(), result.transport(), result.success() ? "OK" : "FAIL",
						detail(result)));
			}
			appendColumns(text, urls);
		}
		long relayed = report.results().stream().filter((result) -> result.relayedAddress() != null).count();
		text.append("\n");
		if (report.relayWorks()) {
			text.append(relayed).append(" of ").append(turnUrls).append(" TURN URL(s) relay: TURN works.\n");
		}
		else if (turnUrls == 0) {
			text.append(
					"No TURN URL served: NO working TURN relay. Clients behind strict NATs will fail to connect.\n");
		}
		else {
			text.append("0 of ")
				.append(turnUrls)
				.append(" TURN URL(s) relay: NO working TURN relay. Clients behind strict NATs will fail to connect.\n");
		}
		return text.toString();
	}

	private static String title(String scope) {
		if (scope.equals("chain")) {
			return "TURN probe of what GET /turn/credentials serves now (as user " + TurnProber.PROBE_USER_ID + ")";
		}
		if (scope.equals("all")) {
			return "TURN probe of every configured provider";
		}
		return "TURN probe of provider " + scope;
	}

	private static String detail(UrlView result) {
		if (result.relayedAddress() != null) {
			return "relay " + result.relayedAddress() + " in " + result.roundTripMs() + " ms";
		}
		if (result.mappedAddress() != null) {
			return "STUN binding answered (mapped " + result.mappedAddress() + ") in " + result.roundTripMs() + " ms";
		}
		return (result.reason() != null) ? result.reason() : "";
	}

	private static void appendColumns(StringBuilder text, List<List<String>> rows) {
		int columns = rows.get(0).size();
		int[] widths = new int[columns];
		for (List<String> row : rows) {
			for (int column = 0; column < columns; column++) {
				widths[column] = Math.max(widths[column], row.get(column).length());
			}
		}
		for (List<String> row : rows) {
			StringBuilder line = new StringBuilder();
			for (int column = 0; column < columns; column++) {
				line.append(row.get(column));
				if (column < columns - 1) {
					line.append(" ".repeat(widths[column] - row.get(column).length() + 2));
				}
			}
			text.append(line.toString().stripTrailing()).append("\n");
		}
	}

}
