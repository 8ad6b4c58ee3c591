/**
 * The Prometheus metrics of DESIGN.md section 6, counted from the chain's attempts and
 * answers.
 */
@NullMarked
package io.icebroker.ops.metrics;

import org.jspecify.annotations.NullMarked;
