package io.icebroker.ice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.util.StringUtils;

/**
 * The one place that turns whatever a provider returned into entries every browser
 * accepts: {@code urls} always an array; URLs on port 53 dropped (browsers block them);
 * {@code ?transport=} stripped from STUN URLs (Chrome 110+ rejects it); TURN URLs without
 * credentials dropped (browsers throw); duplicates dropped; at most {@code maxUrls} kept
 * (Firefox warns above two and fails at five), TURN/UDP, TLS or port 443, TURN/TCP and
 * one STUN first.
 */
public class IceServerSanitizer {

	private static final List<Preference> PREFERENCES = List.of(
			new Preference(url -> url.isTurn() && !url.isSecure() && url.transport().equals("udp"),
					Comparator.comparing((IceUrl url) -> url.port() != 3478)),
			new Preference(
					url -> url.isTurn() && (url.isSecure() || (url.port() == 443 && url.transport().equals("tcp"))),
					Comparator.comparing((IceUrl url) -> !url.isSecure()).thenComparing(url -> url.port() != 443)),
			new Preference(url -> url.isTurn() && !url.isSecure() && url.transport().equals("tcp"),
					Comparator.comparing((IceUrl url) -> url.port() != 3478)),
			new Preference(IceUrl::isStun, Comparator.comparing((IceUrl url) -> url.isSecure())));

	private final int maxUrls;

	public IceServerSanitizer(int maxUrls) {
		if (maxUrls < 1) {
			throw new IllegalArgumentException("maxUrls must be at least 1");
		}
		this.maxUrls = maxUrls;
	}

	public List<IceServer> sanitize(List<IceServer> entries) {
		List<Candidate> candidates = usableUrls(entries);
		Set<Candidate> kept = choose(candidates);
		List<IceServer> servers = new ArrayList<>();
		for (int index = 0; index < entries.size(); index++) {
			int entry = index;
			List<String> urls = candidates.stream()
				.filter((candidate) -> candidate.entry() == entry && kept.contains(candidate))
				.map((candidate) -> candidate.url().text())
				.toList();
			if (!urls.isEmpty()) {
				IceServer source = entries.get(index);
				boolean anyTurn = urls.stream().anyMatch((url) -> url.startsWith("turn"));
				servers
					.add(anyTurn ? new IceServer(urls, source.username(), source.credential()) : IceServer.stun(urls));
			}
		}
		return List.copyOf(servers);
	}

	private List<Candidate> usableUrls(List<IceServer> entries) {
		List<Candidate> candidates = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (int entry = 0; entry < entries.size(); entry++) {
			IceServer server = entries.get(entry);
			boolean hasCredentials = StringUtils.hasText(server.username()) && StringUtils.hasText(server.credential());
			for (String text : server.urls()) {
				Optional<IceUrl> parsed = IceUrl.parse(text);
				if (parsed.isEmpty()) {
					continue;
				}
				IceUrl url = parsed.get();
				if (url.port() == 53 || (url.isTurn() && !hasCredentials) || !seen.add(url.text())) {
					continue;
				}
				candidates.add(new Candidate(entry, url));
			}
		}
		return candidates;
	}

	private Set<Candidate> choose(List<Candidate> candidates) {
		Set<Candidate> kept = new LinkedHashSet<>();
		for (Preference preference : PREFERENCES) {
			if (kept.size() == this.maxUrls) {
				return kept;
			}
			candidates.stream()
				.filter((candidate) -> !kept.contains(candidate) && preference.accepts().test(candidate.url()))
				.min(Comparator.comparing(Candidate::url, preference.best()))
				.ifPresent(kept::add);
		}
		for (Candidate candidate : candidates) {
			if (kept.size() == this.maxUrls) {
				break;
			}
			kept.add(candidate);
		}
		return kept;
	}

	private record Candidate(int entry, IceUrl url) {
	}

	private record Preference(Predicate<IceUrl> accepts, Comparator<IceUrl> best) {
	}

}
