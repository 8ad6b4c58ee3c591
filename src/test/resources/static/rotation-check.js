// Two relay-only peer connections in one page, both registered with the IceBroker module, talking over a
// data channel every 100 ms. What happened is kept in window.rotationCheck for the test to read.
import { IceBroker } from './icebroker.js';

const params = new URLSearchParams(location.search);
const check = {
	answers: 0,
	errors: [],
	restarts: [],
	failures: [],
	candidateErrors: 0,
	sent: 0,
	received: 0,
	outOfOrder: 0,
	longestGapMs: 0,
	lastAt: null,
	openedAt: null
};
window.rotationCheck = check;

const broker = new IceBroker({ userId: params.get('userId') || undefined, minRetryMs: 250, maxRetryMs: 1000 });
broker.addEventListener('credentials', () => check.answers++);
broker.addEventListener('error', (event) => check.errors.push({ kind: event.detail.kind, status: event.detail.status,
	retryAfterMs: event.detail.retryAfterMs, retryInMs: event.detail.retryInMs }));
broker.addEventListener('restart', (event) => check.restarts.push(event.detail.reason));
check.stats = () => broker.stats;
check.elapsedMs = () => (check.openedAt === null ? 0 : performance.now() - check.openedAt);
check.msSinceLastMessage = () => (check.lastAt === null ? Infinity : performance.now() - check.lastAt);

const offerer = await broker.createPeerConnection({ iceTransportPolicy: 'relay' });
const answerer = await broker.createPeerConnection({ iceTransportPolicy: 'relay' });
check.selectedLocalCandidateType = () => selectedLocalCandidateType(offerer);

// Signalling in one page: every step runs in order, so a candidate is added only after the description
// it belongs to.
let queue = Promise.resolve();
function enqueue(step, onError) {
	queue = queue.then(step).catch(onError);
}
function trickle(from, to) {
	from.addEventListener('icecandidate', (event) => {
		if (event.candidate) {
			const candidate = event.candidate;
			// A candidate of a generation an ICE restart replaced is refused; that is expected.
			enqueue(() => to.addIceCandidate(candidate), () => check.candidateErrors++);
		}
	});
}
function negotiate(from, to) {
	enqueue(async () => {
		if (from.signalingState !== 'stable' || to.signalingState !== 'stable') {
			return;
		}
		await from.setLocalDescription(await from.createOffer());
		await to.setRemoteDescription(from.localDescription);
		await to.setLocalDescription(await to.createAnswer());
		await from.setRemoteDescription(to.localDescription);
	}, (error) => check.failures.push(String(error)));
}
trickle(offerer, answerer);
trickle(answerer, offerer);
offerer.addEventListener('negotiationneeded', () => negotiate(offerer, answerer));
answerer.addEventListener('negotiationneeded', () => negotiate(answerer, offerer));

answerer.addEventListener('datachannel', (event) => {
	event.channel.addEventListener('message', (message) => {
		const now = performance.now();
		const sequence = Number(message.data);
		if (check.lastAt !== null) {
			check.longestGapMs = Math.max(check.longestGapMs, now - check.lastAt);
		}
		if (sequence !== check.received) {
			check.outOfOrder++;
		}
		check.lastAt = now;
		check.received++;
	});
});
const channel = offerer.createDataChannel('ticks');
channel.addEventListener('open', () => {
	check.openedAt = performance.now();
	setInterval(() => {
		if (channel.readyState === 'open') {
			channel.send(String(check.sent++));
		}
	}, 100);
});

async function selectedLocalCandidateType(connection) {
	const stats = await connection.getStats();
	let type = null;
	stats.forEach((report) => {
		if (report.type === 'transport' && report.selectedCandidatePairId) {
			const pair = stats.get(report.selectedCandidatePairId);
			const local = pair && stats.get(pair.localCandidateId);
			type = local ? local.candidateType : null;
		}
	});
	return type;
}
