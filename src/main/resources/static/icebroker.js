// IceBroker browser client: fetches this service's ICE servers, hands them to RTCPeerConnections and keeps
// every registered connection on fresh credentials (setConfiguration at refreshAfter, ICE restart for
// connections that depend on a relay). An ES module with no dependencies: load it from the service
// (import { IceBroker } from 'https://turn.example.com/icebroker.js') or copy it into a bundle as it is.
// It never throws into the page once started: failures become 'error' events and are retried with backoff.
// See docs/client.md.

const DEFAULTS = Object.freeze({
	minRetryMs: 1000,
	maxRetryMs: 30000,
	// Answers that carry nothing that expires (STUN only, a static TURN entry) are fetched again this often,
	// so that a client on the fallback moves to a premium provider once it is back.
	refreshWithoutExpiryMs: 10 * 60 * 1000,
	// Never fetch again sooner than this after a successful answer.
	minRefreshMs: 1000,
	requestTimeoutMs: 10000,
	restartOnRotation: true
});

/**
 * The credentials endpoint next to this module, so that a service behind a path prefix works as served.
 * A bundled copy has another URL: pass options.url there.
 */
function defaultUrl() {
	try {
		return new URL('turn/credentials', import.meta.url).href;
	}
	catch (error) {
		return '/turn/credentials';
	}
}

export class IceBroker extends EventTarget {

	#options;
	#answer = null;
	#receivedAt = new WeakMap();
	#connections = new Map();
	#timer = null;
	#expiryTimer = null;
	#running = null;
	#attempt = 0;
	#closed = false;
	#ready;
	#resolveReady;
	#stats = { fetches: 0, answers: 0, errors: 0, rotations: 0, restarts: 0 };

	/**
	 * @param {object} [options]
	 * @param {string} [options.url] the credentials endpoint; default: turn/credentials next to this module
	 * @param {string} [options.userId] sent as the userId query parameter
	 * @param {string} [options.apiKey] sent as the X-API-Key header (TURN_AUTH_MODE=api-key)
	 * @param {string|function():(string|Promise<string>)} [options.token] a bearer token, or a function that
	 * returns the current one (TURN_AUTH_MODE=jwt; an API key works as a bearer token too)
	 * @param {boolean} [options.restartOnRotation=true] restart ICE on connections that depend on a relay
	 * whenever new credentials are applied, so their allocations move to the new credentials before the old
	 * ones lapse; false restarts them only once their credentials have lapsed
	 * @param {number} [options.minRetryMs=1000] first retry delay after a failure, doubled each time
	 * @param {number} [options.maxRetryMs=30000] longest retry delay
	 */
	constructor(options = {}) {
		super();
		this.#options = { ...DEFAULTS, url: defaultUrl(), fetch: (...args) => globalThis.fetch(...args), ...options };
		this.#ready = new Promise((resolve) => {
			this.#resolveReady = resolve;
		});
	}

	/** The last answer of the service, or null before the first one. */
	get current() {
		return this.#answer;
	}

	/** Counters: fetches, answers, errors, rotations (answers applied after the first), restarts. */
	get stats() {
		return { ...this.#stats };
	}

	/**
	 * Start fetching (once) and resolve with the first answer. It waits through failures, which are
	 * reported as 'error' events and retried; it never rejects.
	 * @returns {Promise<object>} the answer of GET /turn/credentials
	 */
	ready() {
		this.start();
		return this.#ready;
	}

	/** Fetch now, and again at every answer's refreshAfter. Calling it again does nothing. */
	start() {
		if (!this.#closed && this.#timer === null && this.#running === null && this.#answer === null) {
			this.#refresh();
		}
		return this;
	}

	/**
	 * An RTCConfiguration with the current ICE servers.
	 * @param {RTCConfiguration} [extra] other settings, e.g. { iceTransportPolicy: 'relay' }
	 * @returns {Promise<RTCConfiguration>}
	 */
	async configuration(extra = {}) {
		const answer = await this.ready();
		return { ...extra, iceServers: answer.iceServers };
	}

	/**
	 * A new RTCPeerConnection with the current ICE servers, registered for rotation.
	 * @param {RTCConfiguration} [extra] other settings
	 * @returns {Promise<RTCPeerConnection>}
	 */
	async createPeerConnection(extra = {}) {
		const connection = new RTCPeerConnection(await this.configuration(extra));
		this.register(connection);
		return connection;
	}

	/**
	 * Keep a connection on fresh credentials until it closes.
	 * @param {RTCPeerConnection} connection
	 * @returns {function()} a function that unregisters it
	 */
	register(connection) {
		if (this.#connections.has(connection)) {
			return () => this.unregister(connection);
		}
		const state = {
			answer: null,
			relay: false,
			onState: () => this.#stateChanged(connection, state)
		};
		this.#connections.set(connection, state);
		connection.addEventListener('iceconnectionstatechange', state.onState);
		connection.addEventListener('connectionstatechange', state.onState);
		this.start();
		if (this.#answer !== null) {
			this.#applyTo(connection, state, this.#answer);
		}
		return () => this.unregister(connection);
	}

	/** Stop looking after a connection. */
	unregister(connection) {
		const state = this.#connections.get(connection);
		if (state) {
			connection.removeEventListener('iceconnectionstatechange', state.onState);
			connection.removeEventListener('connectionstatechange', state.onState);
			this.#connections.delete(connection);
		}
	}

	/** Fetch again now rather than at refreshAfter. */
	refreshNow() {
		if (this.#closed || this.#running !== null) {
			return this.#running ?? Promise.resolve();
		}
		clearTimeout(this.#timer);
		this.#timer = null;
		return this.#refresh();
	}

	/** Stop fetching and unregister every connection; the connections themselves stay open. */
	close() {
		this.#closed = true;
		clearTimeout(this.#timer);
		clearTimeout(this.#expiryTimer);
		[...this.#connections.keys()].forEach((connection) => this.unregister(connection));
	}

	/**
	 * One request to the service, without retry.
	 * @returns {Promise<object>} { ok: true, answer } or { ok: false, kind: 'http' | 'network' | 'invalid',
	 * status, problem, retryAfterMs, message }; it never rejects
	 */
	async fetchOnce() {
		this.#stats.fetches++;
		let response;
		const controller = new AbortController();
		const timeout = setTimeout(() => controller.abort(), this.#options.requestTimeoutMs);
		try {
			response = await this.#options.fetch(await this.#requestUrl(), {
				headers: await this.#headers(),
				cache: 'no-store',
				credentials: 'same-origin',
				signal: controller.signal
			});
		}
		catch (error) {
			clearTimeout(timeout);
			return { ok: false, kind: 'network', status: 0, problem: null, retryAfterMs: null,
				message: 'Could not reach the service' };
		}
		try {
			if (!response.ok) {
				const problem = await response.json().catch(() => null);
				return { ok: false, kind: 'http', status: response.status, problem,
					retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
					message: 'The service answered ' + response.status };
			}
			const answer = await response.json().catch(() => null);
			if (!answer || !Array.isArray(answer.iceServers)) {
				return { ok: false, kind: 'invalid', status: response.status, problem: null, retryAfterMs: null,
					message: 'The service answered without an iceServers list' };
			}
			return { ok: true, answer };
		}
		finally {
			clearTimeout(timeout);
		}
	}

	async #requestUrl() {
		const url = new URL(this.#options.url, globalThis.location?.href);
		if (this.#options.userId) {
			url.searchParams.set('userId', this.#options.userId);
		}
		return url.href;
	}

	async #headers() {
		const headers = { Accept: 'application/json' };
		if (this.#options.apiKey) {
			headers['X-API-Key'] = this.#options.apiKey;
		}
		const token = typeof this.#options.token === 'function' ? await this.#options.token() : this.#options.token;
		if (token) {
			headers.Authorization = 'Bearer ' + token;
		}
		return headers;
	}

	#refresh() {
		this.#timer = null;
		this.#running = this.fetchOnce()
			.then((result) => {
				if (!this.#closed) {
					result.ok ? this.#accepted(result.answer) : this.#failed(result);
				}
			})
			.catch((error) => this.#emit('error', { kind: 'internal', message: String(error) }))
			.finally(() => {
				this.#running = null;
			});
		return this.#running;
	}

	#accepted(answer) {
		const first = this.#answer === null;
		this.#attempt = 0;
		this.#answer = answer;
		this.#receivedAt.set(answer, Date.now());
		this.#stats.answers++;
		if (!first) {
			this.#stats.rotations++;
		}
		const refreshInMs = this.#refreshDelay(answer);
		this.#emit('credentials', { answer, refreshInMs });
		this.#watchExpiry(answer);
		this.#connections.forEach((state, connection) => this.#applyTo(connection, state, answer));
		this.#resolveReady(answer);
		this.#schedule(refreshInMs);
	}

	#failed(result) {
		this.#attempt++;
		this.#stats.errors++;
		const backoff = Math.min(this.#options.maxRetryMs, this.#options.minRetryMs * 2 ** (this.#attempt - 1));
		// Up to a fifth less, so that many clients that failed together do not retry together.
		const jittered = Math.round(backoff * (1 - Math.random() * 0.2));
		const retryInMs = Math.max(jittered, result.retryAfterMs ?? 0);
		const { ok, ...detail } = result;
		this.#emit('error', { ...detail, attempt: this.#attempt, retryInMs });
		this.#schedule(retryInMs);
	}

	#schedule(delayMs) {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.#refresh(), delayMs);
	}

	#refreshDelay(answer) {
		if (typeof answer.ttl !== 'number') {
			return this.#options.refreshWithoutExpiryMs;
		}
		const lifetimeMs = answer.ttl * 1000;
		let delay = typeof answer.refreshAfter === 'string' ? Date.parse(answer.refreshAfter) - Date.now() : NaN;
		// A client clock far off the service's makes refreshAfter meaningless: half the ttl is.
		if (!(delay >= 0 && delay <= lifetimeMs)) {
			delay = lifetimeMs / 2;
		}
		return Math.max(this.#options.minRefreshMs, Math.round(delay));
	}

	#watchExpiry(answer) {
		clearTimeout(this.#expiryTimer);
		this.#expiryTimer = null;
		if (typeof answer.ttl === 'number') {
			this.#expiryTimer = setTimeout(() => {
				if (this.#answer === answer) {
					this.#emit('expired', { answer });
				}
			}, answer.ttl * 1000);
		}
	}

	#applyTo(connection, state, answer) {
		if (connection.signalingState === 'closed') {
			this.unregister(connection);
			return;
		}
		if (state.answer === answer) {
			return;
		}
		const previous = state.answer;
		if (previous === null && sameIceServers(connection.getConfiguration().iceServers, answer.iceServers)) {
			// Created with these very servers (createPeerConnection, or the page passed configuration()).
			state.answer = answer;
			return;
		}
		try {
			// The connection's other settings (policy, bundle, certificates) must stay as they are.
			connection.setConfiguration({ ...connection.getConfiguration(), iceServers: answer.iceServers });
		}
		catch (error) {
			this.#emit('error', { kind: 'configuration', status: 0, message: String(error && error.message || error) });
			return;
		}
		state.answer = answer;
		this.#emit('applied', { peerConnection: connection, answer });
		if (previous === null || !connection.remoteDescription) {
			return;
		}
		const lapsed = this.#lapsed(previous);
		if (this.#options.restartOnRotation || lapsed) {
			this.#dependsOnRelay(connection, state).then((relay) => {
				if (relay && state.answer === answer) {
					this.#restart(connection, lapsed ? 'lapsed' : 'rotation');
				}
			});
		}
	}

	// ttl counts from the service's "now", so a skewed client clock does not matter.
	#lapsed(answer) {
		return typeof answer.ttl === 'number' && Date.now() >= this.#receivedAt.get(answer) + answer.ttl * 1000;
	}

	async #dependsOnRelay(connection, state) {
		if (connection.getConfiguration().iceTransportPolicy === 'relay') {
			return true;
		}
		state.relay = await usesRelay(connection).catch(() => state.relay);
		return state.relay;
	}

	#stateChanged(connection, state) {
		if (connection.connectionState === 'closed' || connection.signalingState === 'closed') {
			this.unregister(connection);
			return;
		}
		if (connection.iceConnectionState === 'connected' || connection.iceConnectionState === 'completed') {
			usesRelay(connection).then((relay) => {
				state.relay = relay;
			}, () => {});
			return;
		}
		if (connection.connectionState === 'failed' || connection.iceConnectionState === 'failed') {
			this.#dependsOnRelay(connection, state).then((relay) => {
				if (!relay || state.restartingAfterFailure) {
					return;
				}
				state.restartingAfterFailure = true;
				// Credentials that may have lapsed are replaced first.
				const fresh = this.#answer !== null && !this.#lapsed(this.#answer) ? Promise.resolve() : this.refreshNow();
				fresh.then(() => {
					state.restartingAfterFailure = false;
					if (this.#connections.has(connection)) {
						this.#restart(connection, 'failed');
					}
				});
			});
		}
	}

	#restart(connection, reason) {
		try {
			connection.restartIce();
			this.#stats.restarts++;
			this.#emit('restart', { peerConnection: connection, reason });
		}
		catch (error) {
			this.#emit('error', { kind: 'configuration', status: 0, message: String(error && error.message || error) });
		}
	}

	#emit(type, detail) {
		try {
			this.dispatchEvent(new CustomEvent(type, { detail }));
		}
		catch (error) {
			// A listener's own error is reported by the browser; it must not stop the rotation.
		}
	}

}

/** Whether the connection's selected candidate pair runs through a local TURN allocation. */
async function usesRelay(connection) {
	const stats = await connection.getStats();
	let pair = null;
	stats.forEach((report) => {
		if (report.type === 'transport' && report.selectedCandidatePairId) {
			pair = stats.get(report.selectedCandidatePairId) || pair;
		}
	});
	if (pair === null) {
		stats.forEach((report) => {
			if (report.type === 'candidate-pair' && report.nominated && report.state === 'succeeded') {
				pair = report;
			}
		});
	}
	const local = pair && stats.get(pair.localCandidateId);
	return Boolean(local && local.candidateType === 'relay');
}

function sameIceServers(a, b) {
	const key = (servers) => JSON.stringify((servers || []).map((server) => [
		[].concat(server.urls || []), server.username || null, server.credential || null]));
	return key(a) === key(b);
}

function retryAfterMs(value) {
	if (!value) {
		return null;
	}
	const seconds = Number(value);
	if (Number.isFinite(seconds) && seconds >= 0) {
		return seconds * 1000;
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
