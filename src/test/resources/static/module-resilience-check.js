// The IceBroker module in a page, with nothing but its own fetching: what it saw is kept in
// window.resilienceCheck for the test to read.
import { IceBroker } from './icebroker.js';

const check = { answers: 0, errors: [], pageErrors: 0 };
window.resilienceCheck = check;
window.addEventListener('error', () => check.pageErrors++);
window.addEventListener('unhandledrejection', () => check.pageErrors++);

const broker = new IceBroker({ userId: 'resilient', minRetryMs: 200, maxRetryMs: 1000 });
broker.addEventListener('credentials', () => check.answers++);
broker.addEventListener('error', (event) => check.errors.push({ kind: event.detail.kind, status: event.detail.status,
	retryInMs: event.detail.retryInMs }));
broker.start();
