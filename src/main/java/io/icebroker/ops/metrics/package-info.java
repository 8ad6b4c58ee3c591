/**
 * The Prometheus metrics of docs/contract.md, section 4, counted from the chain's
 * attempts and answers.
 */
@NullMarked
package io.icebroker.ops.metrics;

import org.jspecify.annotations.NullMarked;
