// IceBroker ICE test page: fetch the service's ICE servers (with the service's own browser module,
// /icebroker.js), gather candidates with an RTCPeerConnection and give a verdict per TURN URL. A module
// script, no build step; everything is written with textContent so nothing from the network is ever
// parsed as HTML.
import { IceBroker } from './icebroker.js';

(function () {
	'use strict';

	var GATHERING_TIMEOUT_MS = 10000;
	var PROBE_TIMEOUT_MS = 20000;
	var VERDICT_LABELS = {
		'relay-works': 'Relay works',
		'auth-failed': 'Authentication failed',
		'refused': 'Refused',
		'unreachable': 'Unreachable'
	};
	var DEFAULT_PORTS = { stun: '3478', stuns: '5349', turn: '3478', turns: '5349' };

	var main = document.getElementById('main');
	var form = document.getElementById('settings');
	var runButton = document.getElementById('run');
	var statusLine = document.getElementById('status');
	var running = false;
	var countdown = null;

	form.addEventListener('submit', function (event) {
		event.preventDefault();
		if (!running) {
			run();
		}
	});

	function run() {
		running = true;
		main.setAttribute('data-run-state', 'running');
		runButton.setAttribute('aria-disabled', 'true');
		reset();
		var headers = { Accept: 'application/json' };
		var apiKey = document.getElementById('api-key').value.trim();
		if (apiKey) {
			headers.Authorization = 'Bearer ' + apiKey;
		}
		var policy = form.elements.policy.value === 'relay' ? 'relay' : 'all';
		var userId = document.getElementById('user-id').value.trim();
		var probeSettled = false;
		var probe = fetchProbe(headers).then(function (body) {
			probeSettled = true;
			return body;
		});
		var started = performance.now();
		var outcome = 'done';
		var summary = '';
		setStatus('Fetching ICE servers…');
		fetchCredentials(userId, apiKey)
			.then(function (answer) {
				showServers(answer);
				setStatus('Gathering candidates with policy “' + policy + '” (at most '
					+ GATHERING_TIMEOUT_MS / 1000 + ' s)…');
				return gather(answer.iceServers, policy).then(function (gathered) {
					noneIfEmpty('candidates', 'None: no candidate was gathered.');
					noneIfEmpty('candidate-errors', 'None.');
					showVerdicts(turnUrls(answer.iceServers), gathered, policy);
					summary = gathered.ended === 'timeout'
						? 'Stopped after ' + GATHERING_TIMEOUT_MS / 1000 + ' s; gathering had not finished.'
						: 'Gathering finished in ' + ((performance.now() - started) / 1000).toFixed(1) + ' s.';
				});
			})
			.catch(function (error) {
				showFailure(error instanceof RunError ? error.message : 'The test failed: ' + error);
				summary = 'Failed.';
				outcome = 'failed';
			})
			.then(function () {
				if (!probeSettled) {
					setStatus(summary + ' Waiting for the server-side probe…');
				}
				return probe;
			})
			.then(function (body) {
				showProbe(body);
				setStatus(summary);
				running = false;
				runButton.removeAttribute('aria-disabled');
				// A stable hook for scripts and tests: the whole run, server probe included, is over.
				main.setAttribute('data-run-state', outcome);
			});
	}

	function RunError(message) {
		this.message = message;
	}

	function reset() {
		stopCountdown();
		clear('ice-urls');
		clear('candidate-rows');
		clear('error-rows');
		clear('probe-results');
		document.getElementById('servers-facts').hidden = true;
		document.getElementById('servers-empty').hidden = false;
		document.getElementById('servers-empty').textContent = 'Fetching…';
		showRows('candidates', false, 'Testing…');
		showRows('candidate-errors', false, 'Testing…');
		document.getElementById('probe').hidden = true;
		replace('verdict', element('p', { className: 'muted' }, 'Testing…'));
	}

	// Each table is hidden until it has a row; the paragraph after it says why it is empty.
	function showRows(tableId, visible, emptyText) {
		var table = document.getElementById(tableId);
		var empty = table.nextElementSibling;
		table.hidden = !visible;
		empty.hidden = visible;
		if (emptyText) {
			empty.textContent = emptyText;
		}
	}

	function noneIfEmpty(tableId, emptyText) {
		if (document.getElementById(tableId).hidden) {
			showRows(tableId, false, emptyText);
		}
	}

	function setStatus(text) {
		statusLine.textContent = text;
	}

	// --- credentials -------------------------------------------------------------------------------

	function fetchCredentials(userId, apiKey) {
		// One request, no rotation: the page gathers once per run.
		var broker = new IceBroker({ url: 'turn/credentials', userId: userId || undefined, token: apiKey || undefined });
		return broker.fetchOnce().then(function (result) {
			if (result.ok) {
				return result.answer;
			}
			if (result.kind === 'network') {
				throw new RunError('Could not reach the service.');
			}
			if (result.kind === 'invalid') {
				throw new RunError('The service answered without an iceServers list.');
			}
			throw new RunError(describeFailure(result));
		});
	}

	function describeFailure(result) {
		var problem = result.problem || {};
		var said = [problem.title, problem.detail].filter(function (part) {
			return typeof part === 'string' && part;
		}).join(': ');
		var prefix = 'GET /turn/credentials answered ' + result.status + '.';
		if (result.status === 401) {
			prefix = 'The service needs an API key (401): fill in “API key” and run again.';
		}
		else if (result.status === 403) {
			prefix = 'The service refused this API key or origin (403).';
		}
		else if (result.status === 429) {
			var retryAfter = result.retryAfterMs !== null ? Math.ceil(result.retryAfterMs / 1000) : null;
			prefix = 'Too many requests (429)' + (retryAfter !== null ? '; retry in ' + retryAfter + ' s.' : '.');
		}
		return said ? prefix + ' ' + said : prefix;
	}

	function showServers(answer) {
		document.getElementById('servers-empty').hidden = true;
		document.getElementById('servers-facts').hidden = false;
		document.getElementById('provider').textContent = String(answer.provider || 'unknown');
		startCountdown(answer.ttl, answer.expiresAt);
		var list = document.getElementById('ice-urls');
		answer.iceServers.forEach(function (server) {
			var hasCredentials = typeof server.username === 'string' && typeof server.credential === 'string';
			urlsOf(server).forEach(function (url) {
				var kind = schemeOf(url).indexOf('turn') === 0 ? 'TURN' : 'STUN';
				// The username and credential are handed to the RTCPeerConnection only, never shown.
				var note = kind === 'TURN' ? (hasCredentials ? 'with credentials' : 'no credentials') : '';
				list.appendChild(element('li', {}, [
					element('span', { className: 'tag tag-' + kind.toLowerCase() }, kind),
					element('code', { className: 'url' }, url),
					note ? element('span', { className: 'note' }, note) : null
				]));
			});
		});
		if (!list.firstChild) {
			list.appendChild(element('li', { className: 'muted' }, 'The answer holds no URL.'));
		}
	}

	function startCountdown(ttl, expiresAt) {
		var expiry = document.getElementById('expiry');
		if (typeof ttl !== 'number') {
			expiry.textContent = 'Never (static or STUN-only entry)';
			return;
		}
		// ttl counts from the server's "now", so a skewed client clock does not matter.
		var end = performance.now() + ttl * 1000;
		var remaining = element('span', { id: 'expiry-countdown' });
		var parts = [remaining];
		if (typeof expiresAt === 'string') {
			parts.push(' (', element('time', { dateTime: expiresAt }, expiresAt), ')');
		}
		replace('expiry', parts);
		function tick() {
			var seconds = Math.max(0, Math.round((end - performance.now()) / 1000));
			remaining.textContent = seconds > 0 ? 'in ' + formatDuration(seconds) : 'expired';
			if (seconds === 0) {
				stopCountdown();
			}
		}
		tick();
		countdown = setInterval(tick, 1000);
	}

	function stopCountdown() {
		if (countdown !== null) {
			clearInterval(countdown);
			countdown = null;
		}
	}

	function formatDuration(seconds) {
		var h = Math.floor(seconds / 3600);
		var m = Math.floor((seconds % 3600) / 60);
		var s = seconds % 60;
		return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + s + ' s';
	}

	// --- gathering ---------------------------------------------------------------------------------

	function gather(iceServers, policy) {
		return new Promise(function (resolve) {
			var gathered = { candidates: [], errors: [], ended: 'complete' };
			var connection;
			try {
				connection = new RTCPeerConnection({ iceServers: iceServers, iceTransportPolicy: policy });
			}
			catch (error) {
				throw new RunError('This browser rejected the ICE servers: ' + error.message);
			}
			var finished = false;
			var timer = setTimeout(function () {
				finish('timeout');
			}, GATHERING_TIMEOUT_MS);
			function finish(how) {
				if (finished) {
					return;
				}
				finished = true;
				clearTimeout(timer);
				gathered.ended = how;
				connection.close();
				resolve(gathered);
			}
			connection.addEventListener('icecandidate', function (event) {
				if (!event.candidate) {
					finish('complete');
					return;
				}
				if (!event.candidate.candidate) {
					return;
				}
				var candidate = describeCandidate(event.candidate, event.url);
				gathered.candidates.push(candidate);
				addCandidateRow(candidate);
			});
			connection.addEventListener('icecandidateerror', function (event) {
				// Chrome ends its texts with a full stop ("Unauthorized."); they are quoted inside sentences.
				var error = { url: event.url || '', code: event.errorCode, text: (event.errorText || '').replace(/\.$/, '') };
				gathered.errors.push(error);
				addErrorRow(error);
			});
			connection.addEventListener('icegatheringstatechange', function () {
				if (connection.iceGatheringState === 'complete') {
					finish('complete');
				}
			});
			// A data channel gives the offer something to negotiate, which starts gathering.
			connection.createDataChannel('icebroker-test');
			connection.createOffer()
				.then(function (offer) {
					return connection.setLocalDescription(offer);
				})
				.catch(function () {
					finish('failed');
				});
		});
	}

	function describeCandidate(candidate, eventUrl) {
		// Older browsers only give the SDP line: "candidate:f 1 udp 2122 192.0.2.1 54321 typ host ..."
		var fields = candidate.candidate.split(' ');
		return {
			type: candidate.type || fields[7] || '',
			protocol: candidate.protocol || fields[2] || '',
			address: candidate.address || fields[4] || '',
			port: candidate.port || fields[5] || '',
			relayProtocol: candidate.relayProtocol || '',
			url: candidate.url || eventUrl || ''
		};
	}

	function addCandidateRow(candidate) {
		showRows('candidates', true);
		var protocol = candidate.protocol + (candidate.relayProtocol ? ' (to TURN: ' + candidate.relayProtocol + ')' : '');
		var row = element('tr', { className: 'candidate candidate-' + candidate.type }, [
			cell('Type', element('span', { className: 'tag tag-' + candidate.type }, candidate.type)),
			cell('Protocol', protocol),
			cell('Address', element('code', {}, candidate.address)),
			cell('Port', String(candidate.port)),
			cell('From URL', candidate.url ? element('code', { className: 'url' }, candidate.url) : '—')
		]);
		row.setAttribute('data-candidate-type', candidate.type);
		document.getElementById('candidate-rows').appendChild(row);
	}

	function addErrorRow(error) {
		showRows('candidate-errors', true);
		var row = element('tr', { className: 'candidate-error' }, [
			cell('URL', error.url ? element('code', { className: 'url' }, error.url) : '—'),
			cell('Code', String(error.code)),
			cell('Text', error.text || '—')
		]);
		row.setAttribute('data-error-code', String(error.code));
		document.getElementById('error-rows').appendChild(row);
	}

	// --- verdicts ----------------------------------------------------------------------------------

	function turnUrls(iceServers) {
		var urls = [];
		iceServers.forEach(function (server) {
			urlsOf(server).forEach(function (url) {
				if (schemeOf(url).indexOf('turn') === 0 && urls.indexOf(url) < 0) {
					urls.push(url);
				}
			});
		});
		return urls;
	}

	function showVerdicts(urls, gathered, policy) {
		if (urls.length === 0) {
			var srflx = gathered.candidates.some(function (candidate) {
				return candidate.type === 'srflx';
			});
			replace('verdict', element('p', { id: 'verdict-summary', className: 'summary summary-bad' },
				'The service handed out no TURN server, so nothing can be relayed: clients behind strict NATs'
				+ ' or firewalls will not connect.' + (srflx ? ' STUN works (a srflx candidate was gathered).' : '')));
			return;
		}
		var verdicts = urls.map(function (url) {
			return verdictFor(url, urls, gathered);
		});
		var working = verdicts.filter(function (verdict) {
			return verdict.kind === 'relay-works';
		}).length;
		var summary = working > 0
			? 'Relay works through ' + working + ' of ' + urls.length + ' TURN URL' + (urls.length > 1 ? 's' : '') + '.'
			: 'No TURN URL gave a relay candidate' + (policy === 'relay' ? '.' : ' (policy “all”).');
		var list = element('ul', { className: 'verdicts' }, verdicts.map(function (verdict) {
			var item = element('li', { className: 'verdict verdict-' + verdict.kind }, [
				element('span', { className: 'verdict-label' }, VERDICT_LABELS[verdict.kind]),
				element('code', { className: 'url' }, verdict.url),
				element('span', { className: 'verdict-detail' }, verdict.detail)
			]);
			item.setAttribute('data-verdict-url', verdict.url);
			item.setAttribute('data-verdict', verdict.kind);
			return item;
		}));
		replace('verdict', [
			element('p', { id: 'verdict-summary', className: 'summary ' + (working > 0 ? 'summary-good' : 'summary-bad') },
				summary),
			list
		]);
	}

	function verdictFor(url, allTurnUrls, gathered) {
		var key = urlKey(url);
		var relays = gathered.candidates.filter(function (candidate) {
			return candidate.type === 'relay' && (candidate.url ? urlKey(candidate.url) === key
				: cameFromOnly(url, candidate, allTurnUrls));
		});
		if (relays.length > 0) {
			return { url: url, kind: 'relay-works', detail: 'Relay candidate ' + relays[0].address + ':' + relays[0].port + '.' };
		}
		var errors = gathered.errors.filter(function (error) {
			return error.url && urlKey(error.url) === key;
		});
		var authentication = first(errors, function (error) {
			return error.code === 401;
		});
		if (authentication) {
			return { url: url, kind: 'auth-failed', detail: 'The server refused the credentials (401 '
				+ (authentication.text || 'Unauthorized') + ').' };
		}
		// 300-699 are STUN error codes sent by the server; Chrome uses 701 when no answer came.
		var refusal = first(errors, function (error) {
			return error.code >= 300 && error.code <= 699;
		});
		if (refusal) {
			return { url: url, kind: 'refused', detail: 'The server answered ' + refusal.code + ' ' + refusal.text + '.' };
		}
		var silence = first(errors, function (error) {
			return error.code === 701;
		});
		return { url: url, kind: 'unreachable', detail: silence
			? 'No answer (' + silence.code + (silence.text ? ' ' + silence.text : '') + ').'
			: gathered.ended === 'timeout' ? 'No relay candidate within ' + GATHERING_TIMEOUT_MS / 1000 + ' s.'
				: 'No relay candidate and no answer.' };
	}

	// Browsers that do not report a candidate's URL: attribute a relay candidate to this URL only
	// when no other TURN URL uses the same transport.
	function cameFromOnly(url, candidate, allTurnUrls) {
		var transport = candidate.relayProtocol || '';
		var sameTransport = allTurnUrls.filter(function (other) {
			return !transport || transportOf(other) === transport || (transport === 'tls' && schemeOf(other) === 'turns');
		});
		return sameTransport.length === 1 && sameTransport[0] === url;
	}

	// Browsers report URLs in their own spelling (default port and transport filled in or left out),
	// so URLs are compared by scheme, host, port and transport.
	function urlKey(url) {
		var scheme = schemeOf(url);
		var rest = url.slice(scheme.length + 1).replace(/^\/\//, '');
		var query = '';
		var questionMark = rest.indexOf('?');
		if (questionMark >= 0) {
			query = rest.slice(questionMark + 1);
			rest = rest.slice(0, questionMark);
		}
		var host = rest;
		var port = DEFAULT_PORTS[scheme] || '';
		var hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(rest);
		if (hostPort) {
			host = hostPort[1];
			port = hostPort[2] || port;
		}
		return [scheme, host.toLowerCase(), port, transportOf(url, query)].join('|');
	}

	function transportOf(url, query) {
		var q = query !== undefined ? query : (url.split('?')[1] || '');
		var match = /(?:^|&)transport=([a-z]+)/i.exec(q);
		if (match) {
			return match[1].toLowerCase();
		}
		return schemeOf(url) === 'turns' || schemeOf(url) === 'stuns' ? 'tcp' : 'udp';
	}

	function schemeOf(url) {
		var colon = String(url).indexOf(':');
		return colon > 0 ? url.slice(0, colon).toLowerCase() : '';
	}

	function urlsOf(server) {
		if (Array.isArray(server.urls)) {
			return server.urls.filter(function (url) {
				return typeof url === 'string';
			});
		}
		return typeof server.urls === 'string' ? [server.urls] : [];
	}

	function showFailure(message) {
		replace('verdict', element('p', { id: 'verdict-summary', className: 'summary summary-bad' }, message));
		document.getElementById('servers-empty').textContent = 'Not available.';
		noneIfEmpty('candidates', 'Not run: no ICE servers.');
		noneIfEmpty('candidate-errors', 'Not run: no ICE servers.');
	}

	// --- server-side probe -------------------------------------------------------------------------

	// Optional: the endpoint may not exist, may need the API key, or may be switched off. Anything
	// but a 200 with JSON hides the section.
	function fetchProbe(headers) {
		var controller = typeof AbortController === 'function' ? new AbortController() : null;
		var timer = controller ? setTimeout(function () {
			controller.abort();
		}, PROBE_TIMEOUT_MS) : null;
		return fetch('actuator/turnprobe', {
			headers: headers, cache: 'no-store', credentials: 'same-origin', signal: controller ? controller.signal : undefined
		})
			.then(function (response) {
				return response.status === 200 ? response.json() : null;
			})
			.catch(function () {
				return null;
			})
			.then(function (body) {
				clearTimeout(timer);
				return body;
			});
	}

	function showProbe(body) {
		var results = collectProbeResults(body);
		if (results.length === 0) {
			document.getElementById('probe').hidden = true;
			return;
		}
		var list = element('ul', { className: 'verdicts' }, results.map(function (result) {
			var item = element('li', { className: 'verdict verdict-' + (result.success ? 'relay-works' : 'unreachable') }, [
				element('span', { className: 'verdict-label' }, result.success ? 'Works' : 'Fails'),
				element('code', { className: 'url' }, result.url),
				element('span', { className: 'verdict-detail' }, result.detail)
			]);
			item.setAttribute('data-probe-url', result.url);
			item.setAttribute('data-probe', result.success ? 'success' : 'failure');
			return item;
		}));
		replace('probe-results', list);
		document.getElementById('probe').hidden = false;
	}

	// /actuator/turnprobe answers {"results": [{provider, url, transport, success, relayedAddress,
	// roundTripMs, errorCode, reason}]}, one entry per URL probed.
	function collectProbeResults(body) {
		var results = body && Array.isArray(body.results) ? body.results : [];
		return results.filter(function (result) {
			return result && typeof result.url === 'string';
		}).map(probeResult);
	}

	function probeResult(result) {
		var parts = [];
		if (result.provider) {
			parts.push(text(result.provider));
		}
		if (result.success === true) {
			if (result.relayedAddress) {
				parts.push('relayed ' + text(result.relayedAddress));
			}
		}
		else {
			parts.push([text(result.errorCode), text(result.reason)].filter(Boolean).join(' ') || 'failed');
		}
		if (typeof result.roundTripMs === 'number') {
			parts.push(result.roundTripMs + ' ms');
		}
		return { url: result.url, success: result.success === true, detail: parts.join(' · ') };
	}

	function text(value) {
		return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
	}

	// --- DOM helpers -------------------------------------------------------------------------------

	function element(tag, properties, children) {
		var node = document.createElement(tag);
		Object.keys(properties || {}).forEach(function (name) {
			node[name] = properties[name];
		});
		append(node, children);
		return node;
	}

	function append(node, children) {
		if (children === undefined || children === null) {
			return;
		}
		(Array.isArray(children) ? children : [children]).forEach(function (child) {
			if (child === null || child === undefined) {
				return;
			}
			node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
		});
	}

	function cell(label, content) {
		var td = element('td', {}, content);
		// Narrow screens show each row as a card; this is the caption of each cell there.
		td.setAttribute('data-label', label);
		return td;
	}

	function replace(id, children) {
		var node = document.getElementById(id);
		clear(id);
		append(node, children);
	}

	function clear(id) {
		var node = document.getElementById(id);
		while (node.firstChild) {
			node.removeChild(node.firstChild);
		}
	}

	function first(items, predicate) {
		for (var i = 0; i < items.length; i++) {
			if (predicate(items[i])) {
				return items[i];
			}
		}
		return null;
	}
})();
