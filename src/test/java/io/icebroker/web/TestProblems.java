package io.icebroker.web;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Problems} for tests that build filters without an application context.
 */
public final class TestProblems {

	public static final Problems PROBLEMS = new Problems(JsonMapper.shared());

	private TestProblems() {
	}

}
